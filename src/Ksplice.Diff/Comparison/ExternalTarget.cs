using Ksplice.Elf.Model;

namespace Ksplice.Diff.Comparison;

/// <summary>An undefined or absolute symbol: equal when the names and addends are.</summary>
public sealed record ExternalTarget(ElfSymbol Symbol, long Addend) : ReferenceTarget
{
    public override string Describe() => Symbol.Name;
}
