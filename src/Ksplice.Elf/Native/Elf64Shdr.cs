namespace Ksplice.Elf.Native;

/// <summary>Layout of an ELF64 section header (Elf64_Shdr).</summary>
public static class Elf64Shdr
{
    public const int Size = 64;
    public const int Name = 0;
    public const int Type = 4;
    public const int Flags = 8;
    public const int Addr = 16;
    public const int Offset = 24;
    public const int SectionSize = 32;
    public const int Link = 40;
    public const int Info = 44;
    public const int AddrAlign = 48;
    public const int EntSize = 56;
}
