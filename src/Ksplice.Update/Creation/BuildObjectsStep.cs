using Ksplice.Source.Affected;
using Ksplice.Source.Trees;

namespace Ksplice.Update.Creation;

/// <summary>Builds the affected objects in the original tree, narrows a header's users to the objects whose dependency
/// lists name it, then builds those in the patched tree.</summary>
public static class BuildObjectsStep
{
    public static BuiltObjects Run(CreateContext context, AffectedObjectSet affected, PostTree post)
    {
        var progress = context.Progress;
        var objects = affected.ObjectPaths;
        foreach (var header in affected.Headers)
            progress.Step($"{header.Header} is included by {header.Built} object(s) this kernel builds ({header.Candidates} candidates from #include lines)");
        progress.Step($"Building {objects.Count} object(s) in the original tree");
        var preCommands = context.Kbuild.BuildObjects(context.Source.Path, objects).ToDictionary(c => c.Target);
        if (affected.NeedsConfirmation)
        {
            affected = affected.Confirm(preCommands);
            objects = affected.ObjectPaths;
            progress.Detail($"{objects.Count} object(s) really depend on the changed header(s)");
            if (objects.Count == 0) return new BuiltObjects(affected, objects);
        }
        progress.Step($"Building {objects.Count} object(s) in the patched tree");
        context.Kbuild.BuildObjects(post.Path, objects);
        return new BuiltObjects(affected, objects);
    }
}
