namespace Ksplice.Elf.Native;

/// <summary>Layout of an ELF64 symbol-table entry (Elf64_Sym).</summary>
public static class Elf64Sym
{
    public const int Size = 24;
    public const int Name = 0;
    public const int Info = 4;
    public const int Other = 5;
    public const int SectionIndex = 6;
    public const int Value = 8;
    public const int SymbolSize = 16;
}
