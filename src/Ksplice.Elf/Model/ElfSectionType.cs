namespace Ksplice.Elf.Model;

/// <summary>sh_type.</summary>
public enum ElfSectionType : uint
{
    Null = 0,
    ProgBits = 1,
    SymbolTable = 2,
    StringTable = 3,
    Rela = 4,
    Hash = 5,
    Dynamic = 6,
    Note = 7,
    NoBits = 8,
    Rel = 9,
    DynamicSymbolTable = 11,
    InitArray = 14,
    FiniArray = 15,
    PreinitArray = 16,
    Group = 17,
    SymbolTableSectionIndex = 18,
    GnuAttributes = 0x6ffffff5,
}
