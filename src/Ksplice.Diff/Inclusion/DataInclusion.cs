using Ksplice.Elf.Sections;
using Ksplice.Diff.Comparison;
using Ksplice.Diff.Correlation;
using Ksplice.Diff.Indexing;
using Ksplice.Diff.Model;
using Ksplice.Elf.Model;

namespace Ksplice.Diff.Inclusion;

/// <summary>
/// Decides what happens to data. New variables are included; new per-CPU variables are refused. An existing writable
/// or per-CPU variable must keep its size and initial value (the running kernel keeps its instance); read-only data
/// that changed is included as a new copy, and the functions that use it are changed through their references.
/// Boot-time data follows boot-time code. Never-correlated statics (__func__, __key...) go with the code that uses them.
/// </summary>
public static class DataInclusion
{
    private const int MaxDetails = 4;

    public static List<DataChange> Run(DiffContext context)
    {
        var changes = new List<DataChange>();
        var correlation = context.Correlation;
        foreach (var post in Candidates(context, context.Post))
        {
            if (correlation.IsAmbiguous(post)) continue;
            var category = context.Post.Category(post.Section!);
            var pre = correlation.PreTwin(post);
            if (pre is null) Added(context, changes, post, category);
            else Compared(context, changes, pre, post, category);
        }
        foreach (var pre in Candidates(context, context.Pre))
        {
            if (correlation.PostTwin(pre) is not null || correlation.IsAmbiguous(pre)) continue;
            var category = context.Pre.Category(pre.Section!);
            if (category == SectionCategory.InitData) continue;
            changes.Add(new DataChange(ChangeKind.Removed, KindOf(category), pre, null) { Reason = $"removed ({Where(pre)})" });
        }
        return changes;
    }

    private static void Added(DiffContext context, List<DataChange> changes, ElfSymbol post, SectionCategory category)
    {
        switch (category)
        {
            case SectionCategory.PerCpu:
                context.Refuse(post.Name, RefusalReason.NewPerCpuData, Where(post));
                break;
            case SectionCategory.InitData:
                context.Notes.Add($"new init data {post.Name} ({Where(post)}) ignored: only boot-time code can use it");
                break;
            default:
                changes.Add(new DataChange(ChangeKind.New, KindOf(category), null, post) { Reason = $"new variable ({Where(post)})" });
                break;
        }
    }

    private static void Compared(DiffContext context, List<DataChange> changes, ElfSymbol pre, ElfSymbol post, SectionCategory category)
    {
        var diffs = context.Data.Compare(pre, post);
        if (diffs.Count == 0) return;
        var sized = pre.Size != post.Size;
        var detail = sized ? $"old size {pre.Size}, new size {post.Size}" : Details(context, pre, post, diffs);
        switch (category)
        {
            case SectionCategory.ReadOnly:
                changes.Add(new DataChange(ChangeKind.Changed, DataKind.ReadOnly, pre, post)
                {
                    Reason = $"{(sized ? detail : diffs[0].Text)}; included as a new copy, functions that use it are changed",
                });
                break;
            case SectionCategory.InitData:
                context.Refuse(post.Name, RefusalReason.InitCodeChanged, $"init data in {post.Section!.Name}: {detail}");
                break;
            default:
                context.Refuse(post.Name, sized ? RefusalReason.DataSizeChanged : RefusalReason.DataInitialValueChanged, $"{post.Section!.Name}: {detail}");
                break;
        }
    }

    /// <summary>Which bytes changed, with their old and new values; relocations by what they now refer to.</summary>
    private static string Details(DiffContext context, ElfSymbol pre, ElfSymbol post, IReadOnlyList<Difference> diffs)
    {
        var preSide = RangeSide.Of(context.Pre, pre);
        var postSide = RangeSide.Of(context.Post, post);
        var parts = diffs.Take(MaxDetails).Select(d => d.Kind == DifferenceKind.Bytes
            ? $"bytes +0x{d.Offset:x}..+0x{d.Offset + d.Length - 1:x}: {Hex(preSide, d)} -> {Hex(postSide, d)}"
            : d.Text).ToList();
        if (diffs.Count > MaxDetails) parts.Add($"{diffs.Count - MaxDetails} more");
        return string.Join("; ", parts);
    }

    private static string Hex(RangeSide side, Difference d)
    {
        var n = Math.Min(d.Length, 16);
        var bytes = new byte[n];
        for (var k = 0; k < n; k++) bytes[k] = side.At(d.Offset + k);
        return Convert.ToHexString(bytes).ToLowerInvariant() + (d.Length > n ? "..." : "");
    }

    private static IEnumerable<ElfSymbol> Candidates(DiffContext context, DiffIndex index) =>
        index.DataObjects.Where(s => !NeverCorrelate.Applies(index, s) && !context.Correlation.IsCopiedByContent(s));

    private static DataKind KindOf(SectionCategory category) => category switch
    {
        SectionCategory.ReadOnly => DataKind.ReadOnly,
        SectionCategory.PerCpu => DataKind.PerCpu,
        SectionCategory.Mergeable => DataKind.Strings,
        _ => DataKind.Writable,
    };

    public static string Where(ElfSymbol s) => $"{s.Section?.Name}, {s.Size} bytes";
}
