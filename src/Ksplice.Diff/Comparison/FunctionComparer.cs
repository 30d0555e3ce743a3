using Ksplice.Diff.Indexing;

namespace Ksplice.Diff.Comparison;

/// <summary>
/// Compares two function units: the function's bytes, its cold part, and its special-section entries (paired in
/// site order, so their order in the tables does not matter). The first difference is the reason shown to the user.
/// </summary>
public sealed class FunctionComparer(DiffContext context)
{
    public List<Difference> Compare(FunctionUnit pre, FunctionUnit post, bool all = false)
    {
        var diffs = context.Ranges.Compare(RangeSide.Of(context.Pre, pre.Main), RangeSide.Of(context.Post, post.Main), all);
        if (diffs.Count > 0 && !all) return diffs;

        if (pre.Cold is not null && post.Cold is not null)
            diffs.AddRange(context.Ranges.Compare(RangeSide.Of(context.Pre, pre.Cold), RangeSide.Of(context.Post, post.Cold), all)
                .Select(d => d.Prefixed($"cold part {post.Cold.Name}: ")));
        else if (pre.Cold is not null || post.Cold is not null)
            diffs.Add(new Difference(0, 0, post.Cold is not null ? $"new cold part {post.Cold.Name}" : $"cold part {pre.Cold!.Name} removed", DifferenceKind.ColdPart));
        if (diffs.Count > 0 && !all) return diffs;

        diffs.AddRange(CompareEntries(pre, post, all));
        return all || diffs.Count <= 1 ? diffs : [diffs[0]];
    }

    private List<Difference> CompareEntries(FunctionUnit pre, FunctionUnit post, bool all)
    {
        var diffs = new List<Difference>();
        var preEntries = context.Pre.EntriesOf(pre).ToLookup(e => e.Entry.Kind.Name);
        var postEntries = context.Post.EntriesOf(post).ToLookup(e => e.Entry.Kind.Name);
        foreach (var kind in preEntries.Select(g => g.Key).Union(postEntries.Select(g => g.Key)).Order(StringComparer.Ordinal))
        {
            var a = preEntries[kind].ToList();
            var b = postEntries[kind].ToList();
            if (a.Count != b.Count)
            {
                diffs.Add(new Difference(0, 0, $"{kind}: {b.Count} entries, was {a.Count}", DifferenceKind.Entries));
                if (!all) return diffs;
                continue;
            }
            for (var i = 0; i < a.Count; i++)
            {
                var e = a[i].Entry;
                var f = b[i].Entry;
                var (ex, fx) = (TargetExtents.Of(e), TargetExtents.Of(f));
                var d = context.Ranges.Compare(new RangeSide(context.Pre, e.Section, e.Offset, e.Length),
                    new RangeSide(context.Post, f.Section, f.Offset, f.Length),
                    extents: at => ex is { } x && fx is { } y && at == x.FieldOffset ? (x.Length, y.Length) : null).FirstOrDefault();
                if (d is null) continue;
                var text = d.Kind == DifferenceKind.Bytes ? EntryFields.Describe(e, f, d.Offset) : d.Text;
                diffs.Add(new Difference(0, 0, $"{kind} entry at {b[i].Place}: {text}", DifferenceKind.Entries));
                if (!all) return diffs;
            }
        }
        return diffs;
    }
}
