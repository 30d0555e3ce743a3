namespace Ksplice.Elf.Model;

/// <summary>ELF64_ST_TYPE.</summary>
public enum ElfSymbolType : byte
{
    NoType = 0,
    Object = 1,
    Function = 2,
    Section = 3,
    File = 4,
    Common = 5,
    Tls = 6,
    GnuIndirectFunction = 10,
}
