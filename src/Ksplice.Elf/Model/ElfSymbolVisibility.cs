namespace Ksplice.Elf.Model;

/// <summary>ELF64_ST_VISIBILITY.</summary>
public enum ElfSymbolVisibility : byte
{
    Default = 0,
    Internal = 1,
    Hidden = 2,
    Protected = 3,
}
