namespace Ksplice.Elf.Model;

/// <summary>p_type.</summary>
public enum ElfSegmentType : uint
{
    Null = 0,
    Load = 1,
    Dynamic = 2,
    Interp = 3,
    Note = 4,
    ProgramHeader = 6,
    Tls = 7,
    GnuStack = 0x6474e551,
}
