using Ksplice.Diff.Correlation;
using Ksplice.Diff.Inclusion;
using Ksplice.Diff.Indexing;
using Ksplice.Diff.Model;
using Ksplice.Elf.Model;

namespace Ksplice.Diff;

/// <summary>
/// Compares one object built before and after a patch (both with -ffunction-sections -fdata-sections): index both,
/// correlate symbols, compare, then decide what the update includes and what it refuses. Modelled on the kernel's
/// klp-diff and kpatch's create-diff-object.
/// </summary>
public static class ObjectDiffer
{
    /// <param name="objectPath">The object's tree-relative path (<c>kernel/printk/printk.o</c>), used in refusals and messages.</param>
    public static ObjectDiff Compare(string objectPath, ElfObject pre, ElfObject post)
    {
        ArgumentNullException.ThrowIfNull(pre);
        ArgumentNullException.ThrowIfNull(post);
        if (pre.FileType != ElfFileType.Relocatable || post.FileType != ElfFileType.Relocatable)
            throw new ArgumentException($"{objectPath}: the differ compares relocatable objects (.o); got {pre.FileType} and {post.FileType}. Give the objects kbuild built, not a linked image.");

        var preIndex = new DiffIndex(pre);
        var postIndex = new DiffIndex(post);
        var correlation = SymbolCorrelator.Correlate(objectPath, preIndex, postIndex);
        var context = new DiffContext(objectPath, preIndex, postIndex, correlation);

        var data = DataInclusion.Run(context);
        var functions = FunctionInclusion.Run(context);
        SectionSweep.Run(context);

        return new ObjectDiff
        {
            ObjectPath = objectPath,
            Pre = pre,
            Post = post,
            Functions = Order(functions, f => f.Kind, f => f.Name),
            Data = Order(data, d => d.Kind, d => d.Name),
            Refusals = correlation.Refusals.Concat(context.Refusals)
                .OrderBy(r => r.Symbol, StringComparer.Ordinal).ThenBy(r => r.Reason).ToList(),
            Correlation = correlation.PostToPre,
            SectionCorrelation = correlation.SectionTwins,
            CorrelationRules = correlation.Rules,
            PreIndex = preIndex,
            PostIndex = postIndex,
            Notes = preIndex.Diagnostics.Concat(postIndex.Diagnostics).Concat(context.Notes).ToList(),
        };
    }

    private static List<T> Order<T>(IEnumerable<T> items, Func<T, ChangeKind> kind, Func<T, string> name) =>
        items.OrderBy(kind).ThenBy(name, StringComparer.Ordinal).ToList();
}
