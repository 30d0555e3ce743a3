namespace Ksplice.Elf.Model;

/// <summary>ELF64_ST_BIND.</summary>
public enum ElfSymbolBinding : byte
{
    Local = 0,
    Global = 1,
    Weak = 2,
    GnuUnique = 10,
}
