using Ksplice.Elf.Model;

namespace Ksplice.Elf.Arch;

/// <summary>
/// Where a relocated field points, as an offset in the section of its symbol: S + A + adjustment (objtool's
/// <c>arch_insn_adjusted_addend</c>). The one rule the differ, the update builder and the matcher share.
/// </summary>
public static class ReferencedPlace
{
    /// <summary>
    /// How far past S + A the referenced place lies. The CPU adds a PC-relative displacement to the address of the next
    /// instruction, while the assembler computed S + A - P from the field, so a PC-relative field inside an instruction
    /// points at S + A + (end of instruction - field): 4 for <c>call</c>, <c>jmp</c> and <c>lea sym(%rip)</c>, more
    /// when an immediate follows the displacement (<c>cmpl $1, sym(%rip)</c>). A PC-relative field in code that no
    /// decoded instruction covers is taken to end its instruction (its width). Absolute fields, and fields in data
    /// (<paramref name="instruction"/> null), point at S + A.
    /// </summary>
    public static long Adjustment(ElfRelocation relocation, Insn? instruction)
    {
        if (!relocation.IsPcRelative || instruction is not { } insn) return 0;
        var field = (long)relocation.Offset;
        return insn.Length > 0 && field >= insn.Offset && field < insn.End ? insn.End - field : relocation.Width;
    }

    /// <summary>The offset, in the section of the relocation's symbol, that the field refers to.</summary>
    public static long Of(ElfRelocation relocation, Insn? instruction) =>
        unchecked((long)relocation.Symbol.Value + relocation.Addend + Adjustment(relocation, instruction));
}
