using Ksplice.Source.Affected;
using Ksplice.Source.Kbuild;
using Ksplice.Source.Patches;

namespace Ksplice.Update.Creation;

/// <summary>Which objects the patch changes (for a header, every object this kernel builds that includes it), or the
/// touched files that make it impossible to apply live.</summary>
public static class FindAffectedObjectsStep
{
    public static AffectedObjectSet Run(CreateContext context, SourcePatch patch)
    {
        var source = context.Source.Path;
        var cache = Path.Combine(context.ConfigDir.Path, "cache");
        var membership = new KbuildMembership(source, context.Runner, cache);
        var finder = new AffectedObjectsFinder(membership, () => IncludeIndex.Load(source, membership.Arch.SrcArch,
            Path.Combine(cache, "include-index.txt"), [Path.GetRelativePath(source, context.ConfigDir.Path)]));
        var affected = finder.Find(patch);
        foreach (var note in affected.Notes) context.Progress.Detail(note);
        membership.SaveCache();
        return affected;
    }
}
