namespace Ksplice.Elf.Model;

/// <summary>x86-64 relocation types (psABI table 4.9) that kernel objects use.</summary>
public enum X86RelocationType : uint
{
    None = 0,
    Abs64 = 1,      // R_X86_64_64: S + A
    Pc32 = 2,       // S + A - P
    Got32 = 3,
    Plt32 = 4,      // L + A - P, equal to PC32 for the kernel
    Copy = 5,
    GlobDat = 6,
    JumpSlot = 7,
    Relative = 8,
    GotPcRel = 9,
    Abs32 = 10,     // R_X86_64_32: S + A, zero-extended
    Abs32S = 11,    // R_X86_64_32S: S + A, sign-extended
    Abs16 = 12,
    Pc16 = 13,
    Abs8 = 14,
    Pc8 = 15,
    Pc64 = 24,
    GotPcRelX = 41,
    RexGotPcRelX = 42,
}
