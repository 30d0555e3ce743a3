using Ksplice.Elf.Sections;
using Ksplice.Diff.Comparison;
using Ksplice.Diff.Indexing;
using Ksplice.Diff.Model;
using Ksplice.Elf.Model;

namespace Ksplice.Diff.Inclusion;

/// <summary>
/// Data sections without any symbol (tables such as <c>__tracepoints_ptrs</c>) are not covered by function or data
/// comparison: compared whole, and a new or changed one is refused, since nothing in the update would carry it.
/// </summary>
public static class SectionSweep
{
    private static readonly SectionCategory[] Swept = [SectionCategory.Writable, SectionCategory.ReadOnly, SectionCategory.PerCpu];

    public static void Run(DiffContext context)
    {
        var preNames = context.Pre.Object.Sections.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.Count());
        foreach (var post in context.Post.Object.Sections)
        {
            if (!IsAnonymous(context.Post, post) || post.Size == 0) continue;
            if (!context.Correlation.SectionTwins.TryGetValue(post, out var pre))
            {
                if (!preNames.ContainsKey(post.Name))
                    context.Refuse(post.Name, RefusalReason.UnsupportedSectionChanged, $"new section {post.Name} ({post.Size} bytes, {SectionClassifier.Explain(post)}) without symbols");
                continue;
            }
            if (!IsAnonymous(context.Pre, pre)) continue;
            var diff = context.Ranges.Compare(new RangeSide(context.Pre, pre, 0, (long)pre.Size), new RangeSide(context.Post, post, 0, (long)post.Size)).FirstOrDefault();
            if (diff is not null)
                context.Refuse(post.Name, RefusalReason.UnsupportedSectionChanged, $"{post.Name} ({SectionClassifier.Explain(post)}) without symbols: {diff.Text}");
        }
    }

    private static bool IsAnonymous(DiffIndex index, ElfSection s) =>
        Swept.Contains(index.Category(s)) && index.SymbolsIn(s).All.Count == 0;
}
