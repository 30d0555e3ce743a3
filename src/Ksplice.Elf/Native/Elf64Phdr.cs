namespace Ksplice.Elf.Native;

/// <summary>Layout of an ELF64 program header (Elf64_Phdr).</summary>
public static class Elf64Phdr
{
    public const int Size = 56;
    public const int Type = 0;
    public const int Flags = 4;
    public const int Offset = 8;
    public const int VAddr = 16;
    public const int PAddr = 24;
    public const int FileSize = 32;
    public const int MemSize = 40;
    public const int Align = 48;
}
