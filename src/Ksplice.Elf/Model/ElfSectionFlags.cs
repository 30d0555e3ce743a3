namespace Ksplice.Elf.Model;

/// <summary>sh_flags.</summary>
[Flags]
public enum ElfSectionFlags : ulong
{
    None = 0,
    Write = 0x1,
    Alloc = 0x2,
    Execute = 0x4,
    Merge = 0x10,
    Strings = 0x20,
    InfoLink = 0x40,
    LinkOrder = 0x80,
    OsNonConforming = 0x100,
    Group = 0x200,
    Tls = 0x400,
    Compressed = 0x800,
    Exclude = 0x80000000,
}
