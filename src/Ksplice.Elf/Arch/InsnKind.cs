namespace Ksplice.Elf.Arch;

/// <summary>What an instruction does, as far as matching cares (objtool's neutral <c>enum insn_type</c>).</summary>
public enum InsnKind
{
    /// <summary>Anything else: data movement, arithmetic, system instructions.</summary>
    Other,
    /// <summary>A NOP of any encoding (<c>90</c>, <c>66 90</c>, <c>0f 1f /0</c>...).</summary>
    Nop,
    /// <summary>A direct call with a relative target.</summary>
    Call,
    /// <summary>A call through a register or memory.</summary>
    IndirectCall,
    /// <summary>An unconditional jump with a relative target.</summary>
    Jump,
    /// <summary>A jump through a register or memory.</summary>
    IndirectJump,
    /// <summary>A conditional jump with a relative target (Jcc, loop, jrcxz).</summary>
    CondJump,
    /// <summary><c>ret</c> in any form.</summary>
    Return,
    /// <summary><c>int3</c> (<c>cc</c>), the kernel's padding after returns and jumps.</summary>
    Int3,
    /// <summary><c>lfence</c>, which may precede an indirect branch written over a retpoline call.</summary>
    Lfence,
    /// <summary>Bytes that do not decode (or run past the end of the buffer).</summary>
    Invalid,
}
