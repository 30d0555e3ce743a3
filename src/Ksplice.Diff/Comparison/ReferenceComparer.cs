using Ksplice.Elf.Sections;
using Ksplice.Diff.Correlation;
using Ksplice.Diff.Indexing;
using Ksplice.Elf.Model;

namespace Ksplice.Diff.Comparison;

/// <summary>
/// Decides whether two relocated fields at the same place refer to the same thing: the same external name, a
/// correlated symbol at the same offset (and, for read-only data, unchanged contents), the same string or constant,
/// or an anonymous block with the same contents. Never-correlated statics compare by contents.
/// </summary>
public sealed class ReferenceComparer(DiffContext context)
{
    /// <param name="extents">Exact lengths of the anonymous blocks the fields point at, when a table records them.</param>
    public ReferenceComparison Compare(RangeSide pre, ElfRelocation rp, RangeSide post, ElfRelocation rq, (long Pre, long Post)? extents = null)
    {
        if (!SameType(rp.Type, rq.Type)) return ReferenceComparison.Differs($"is now {rq.Type}, was {rp.Type}");
        var tp = Exact(ReferenceResolver.Resolve(pre.Index, rp, (int)pre.Index.Adjustment(pre.Section, rp)), extents?.Pre);
        var tq = Exact(ReferenceResolver.Resolve(post.Index, rq, (int)post.Index.Adjustment(post.Section, rq)), extents?.Post);
        return Compare(tp, tq);
    }

    public ReferenceComparison Compare(ReferenceTarget pre, ReferenceTarget post) => (pre, post) switch
    {
        (ExternalTarget a, ExternalTarget b) => a.Symbol.Name == b.Symbol.Name && a.Addend == b.Addend
            ? ReferenceComparison.Same : Moved(a, b, false),
        (SymbolTarget a, SymbolTarget b) => Symbols(a, b),
        (MergeableTarget a, MergeableTarget b) => a.SameContent(b) ? ReferenceComparison.Same
            : ReferenceComparison.Differs($"refers to {b.Describe()}, was {a.Describe()}"),
        (BlockTarget a, BlockTarget b) => Blocks(a, b),
        _ => Moved(pre, post, false),
    };

    private ReferenceComparison Symbols(SymbolTarget a, SymbolTarget b)
    {
        var twin = context.Correlation.PreTwin(b.Symbol);
        if (twin is not null)
        {
            if (twin != a.Symbol || a.Delta != b.Delta) return Moved(a, b, IsCalleeRename(a.Symbol, b.Symbol));
            if (IsReadOnlyData(context.Pre, twin) && context.Data.Compare(twin, b.Symbol) is { Count: > 0 } changes)
                return ReferenceComparison.Differs($"refers to changed read-only data {b.Symbol.Name} ({changes[0].Text})");
            return ReferenceComparison.Same;
        }
        // Never-correlated statics (__func__.N, CSWTCH.N, __UNIQUE_ID_*): the same kind of copy with the same contents.
        if (context.Correlation.PostTwin(a.Symbol) is null && a.Delta == b.Delta
            && ByContent(context.Pre, a.Symbol) && ByContent(context.Post, b.Symbol)
            && SymbolKind.Compatible(a.Symbol, b.Symbol)
            && NeverCorrelate.ContentKey(a.Symbol.Name) == NeverCorrelate.ContentKey(b.Symbol.Name))
        {
            var changes = context.Data.Compare(a.Symbol, b.Symbol);
            return changes.Count == 0 ? ReferenceComparison.Same
                : ReferenceComparison.Differs($"refers to {b.Symbol.Name}, whose contents differ from {a.Symbol.Name} ({changes[0].Text})");
        }
        return Moved(a, b, IsCalleeRename(a.Symbol, b.Symbol));
    }

    private ReferenceComparison Blocks(BlockTarget a, BlockTarget b)
    {
        var sameSection = context.Correlation.SectionTwins.TryGetValue(b.Section, out var twin) ? twin == a.Section : a.Section.Name == b.Section.Name;
        if (!sameSection || a.Delta != b.Delta) return Moved(a, b, false);
        var changes = context.Ranges.CompareBlock(new RangeSide(context.Pre, a.Section, a.Start, a.End - a.Start),
            new RangeSide(context.Post, b.Section, b.Start, b.End - b.Start));
        return changes is null ? ReferenceComparison.Same
            : ReferenceComparison.Differs($"refers to {b.Describe()}, whose contents differ ({changes.Text})");
    }

    /// <summary>A block that starts exactly where the field points and is as long as its table says.</summary>
    private static ReferenceTarget Exact(ReferenceTarget target, long? length) => target is BlockTarget b && length is { } n
        ? b with { Start = b.Start + b.Delta + b.Bias, End = b.Start + b.Delta + b.Bias + n, Delta = -b.Bias }
        : target;

    private bool ByContent(DiffIndex side, ElfSymbol s) => NeverCorrelate.Applies(side, s) || context.Correlation.IsCopiedByContent(s);

    private static ReferenceComparison Moved(ReferenceTarget a, ReferenceTarget b, bool rename) =>
        ReferenceComparison.Differs($"refers to {b.Describe()}, was {a.Describe()}", rename);

    /// <summary>Both are functions that are not twins but share gcc's base name (<c>foo</c> and <c>foo.isra.0</c>).</summary>
    private bool IsCalleeRename(ElfSymbol pre, ElfSymbol post) =>
        pre.Type == ElfSymbolType.Function && post.Type == ElfSymbolType.Function
        && context.Pre.Name(pre).Base == context.Post.Name(post).Base;

    private static bool IsReadOnlyData(DiffIndex index, ElfSymbol s) =>
        s.Type == ElfSymbolType.Object && s.Section is { } sec && index.Category(sec) == SectionCategory.ReadOnly;

    /// <summary>PLT32 and PC32 mean the same for the kernel (no PLT); otherwise the types must be equal.</summary>
    private static bool SameType(X86RelocationType a, X86RelocationType b) =>
        a == b || (a is X86RelocationType.Pc32 or X86RelocationType.Plt32 && b is X86RelocationType.Pc32 or X86RelocationType.Plt32);
}
