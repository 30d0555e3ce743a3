namespace Ksplice.Elf.Arch;

/// <summary>
/// The condition of a jump an assembler may encode with a rel8 or a rel32 displacement (branch relaxation):
/// <see cref="Always"/> for <c>jmp</c> (<c>eb</c>/<c>e9</c>), else the Jcc condition (<c>7x</c>/<c>0f 8x</c>), in the
/// x86 encoding order.
/// </summary>
public enum JumpCondition
{
    Always,
    O,
    NO,
    B,
    AE,
    E,
    NE,
    BE,
    A,
    S,
    NS,
    P,
    NP,
    L,
    GE,
    LE,
    G,
}
