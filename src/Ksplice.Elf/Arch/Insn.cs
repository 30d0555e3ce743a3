namespace Ksplice.Elf.Arch;

/// <summary>
/// One decoded x86-64 instruction, in our own neutral terms. <see cref="Offset"/> is relative to the start of the
/// buffer it was decoded from; field offsets are relative to the instruction's first byte (0 when absent).
/// </summary>
public readonly record struct Insn(int Offset, int Length, InsnKind Kind)
{
    /// <summary>The absolute target of a relative branch (call, jmp, jcc), computed from the buffer's address.</summary>
    public ulong? Target { get; init; }

    /// <summary>Offset and width of the memory displacement (the rel32 of a RIP-relative operand).</summary>
    public int DisplacementOffset { get; init; }
    public int DisplacementSize { get; init; }

    /// <summary>Offset and width of the immediate, or of the relative branch displacement.</summary>
    public int ImmediateOffset { get; init; }
    public int ImmediateSize { get; init; }

    /// <summary>True when a memory operand is addressed relative to RIP.</summary>
    public bool IsRipRelative { get; init; }

    /// <summary>
    /// For a <c>jmp</c> or <c>jcc</c> with a relative target (the branches an assembler relaxes between rel8 and rel32):
    /// its condition. Null for every other instruction, calls, <c>loop</c> and <c>jrcxz</c> included.
    /// </summary>
    public JumpCondition? RelaxableJump { get; init; }

    /// <summary>For an indirect call or jump through a register: the register, lower case ("rax", "r11").</summary>
    public string? Register { get; init; }

    public int End => Offset + Length;

    public bool IsBranch => Kind is InsnKind.Call or InsnKind.Jump or InsnKind.CondJump;
}
