using Ksplice.Source.Patches;
using Ksplice.Source.Trees;
using Ksplice.Update.Building;

namespace Ksplice.Update.Creation;

/// <summary>Applies the patch to the post tree (a hard-linked copy of the source tree), with #line directives that keep
/// the original line numbers below each hunk.</summary>
public static class ApplyPatchStep
{
    public static PostTree Run(CreateContext context, SourcePatch patch)
    {
        context.Progress.Step("Applying the patch to the post tree");
        var post = PostTree.Open(context.Source, context.PostDir, context.Runner, context.Excluded, out _);
        AuthorHeader.Install(post);
        var touched = PatchApplier.Apply(post, patch, context.Runner, context.Progress.Warning);
        post.RecordTouched(touched);
        var withDirectives = LineDirectives.Apply(context.Source.Path, post.Path, patch.Files);
        if (withDirectives > 0) context.Progress.Detail($"#line directives keep the original line numbers in {withDirectives} file(s)");
        return post;
    }
}
