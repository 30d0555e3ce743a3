using Ksplice.Source.Trees;

namespace Ksplice.Update.Creation;

/// <summary>--prebuild: creates (or resets) the post tree so that later updates start quickly.</summary>
public static class SetUpPostTreeStep
{
    public static void Run(CreateContext context)
    {
        context.Progress.Step("Setting up the post tree");
        PostTree.Open(context.Source, context.PostDir, context.Runner, context.Excluded, out var created);
        context.Progress.Detail(created.Created ? $"post tree created in {created.Elapsed.TotalSeconds:0.0} s" : "post tree reset");
    }
}
