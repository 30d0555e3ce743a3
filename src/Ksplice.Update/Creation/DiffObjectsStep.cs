using Ksplice.Diff;
using Ksplice.Elf.IO;
using Ksplice.Source.Trees;
using Ksplice.Update.Building;

namespace Ksplice.Update.Creation;

/// <summary>Compares each built object before and after the patch; keeps the diffs that change something, with the
/// target (vmlinux or a module) each belongs to.</summary>
public static class DiffObjectsStep
{
    public static IReadOnlyList<TargetedDiff> Run(CreateContext context, BuiltObjects built, PostTree post)
    {
        context.Progress.Step("Comparing the objects");
        var diffs = new List<TargetedDiff>();
        foreach (var o in built.Affected.Objects.Where(o => built.Objects.Contains(o.Object)))
        {
            var pre = ElfReader.ReadFile(context.Source.FullPath(o.Object));
            var postObject = ElfReader.ReadFile(post.FullPath(o.Object));
            var diff = ObjectDiffer.Compare(o.Object, pre, postObject);
            foreach (var line in ObjectDiffPrinter.Print(diff)) context.Progress.Detail(line);
            if (diff.HasChanges) diffs.Add(new TargetedDiff(diff, o.Target.TargetName!));
        }
        return diffs;
    }
}
