namespace Ksplice.Elf.Native;

/// <summary>Layout of an ELF64 relocation with addend (Elf64_Rela).</summary>
public static class Elf64Rela
{
    public const int Size = 24;
    public const int Offset = 0;
    public const int Info = 8;
    public const int Addend = 16;
}
