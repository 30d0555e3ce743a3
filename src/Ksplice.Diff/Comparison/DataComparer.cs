using Ksplice.Elf.Model;

namespace Ksplice.Diff.Comparison;

/// <summary>
/// Compares two data objects (every difference, memoised). Read-only objects refer to each other, so an object met
/// again while it is being compared counts as unchanged: a cycle of tables is changed only where some table is.
/// </summary>
public sealed class DataComparer(DiffContext context)
{
    private static readonly List<Difference> Unchanged = [];
    private readonly Dictionary<(ElfSymbol, ElfSymbol), List<Difference>> _memo = [];

    public IReadOnlyList<Difference> Compare(ElfSymbol pre, ElfSymbol post)
    {
        if (_memo.TryGetValue((pre, post), out var known)) return known;
        _memo[(pre, post)] = Unchanged;
        var result = context.Ranges.Compare(RangeSide.Of(context.Pre, pre), RangeSide.Of(context.Post, post), all: true);
        _memo[(pre, post)] = result;
        return result;
    }
}
