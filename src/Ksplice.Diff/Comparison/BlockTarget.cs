using Ksplice.Elf.Model;

namespace Ksplice.Diff.Comparison;

/// <summary>
/// A place in bytes no symbol covers (alternative replacement code, .altinstr_aux, anonymous data): the block from
/// the nearest referenced offset at or below it to the next one, compared by content.
/// </summary>
public sealed record BlockTarget(ElfSection Section, long Start, long End, long Delta, int Bias) : ReferenceTarget
{
    public override string Describe() => $"{Section.Name}+0x{Start + Delta + Bias:x}";
}
