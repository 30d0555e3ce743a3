using Ksplice.Diff.Model;
using Ksplice.Elf.Sections;

namespace Ksplice.Diff.Inclusion;

/// <summary>
/// Decides which functions the update carries: every post function without a twin is new, every twin pair that
/// compares unequal is changed (with its cold part), every pre function without a twin is removed. Init code goes
/// through <see cref="InitCodeRule"/>; a change to code the kernel forbids patching (noinstr, entry, idle) is refused.
/// </summary>
public static class FunctionInclusion
{
    public static List<FunctionChange> Run(DiffContext context)
    {
        var changes = new List<FunctionChange>();
        var correlation = context.Correlation;
        foreach (var post in context.Post.Units)
        {
            if (correlation.IsAmbiguous(post.Main)) continue; // refused by correlation
            var pre = correlation.PreTwin(post.Main) is { } twin ? context.Pre.UnitOf(twin) : null;
            var init = InitCodeRule.IsInit(context.Post, post);
            if (pre is null)
            {
                if (init) InitCodeRule.Added(context, post);
                else changes.Add(new FunctionChange(ChangeKind.New, null, post.Main) { PostCold = post.Cold, Reason = "new function" });
                continue;
            }
            init |= InitCodeRule.IsInit(context.Pre, pre);
            var diffs = context.Functions.Compare(pre, post, all: init);
            if (diffs.Count == 0) continue;
            if (init) InitCodeRule.Changed(context, post, diffs);
            else if (SectionClassifier.IsUnpatchableCode(pre.Section.Name))
                context.Refuse(post.Name, RefusalReason.UnpatchableCodeChanged, $"{pre.Name} is in {pre.Section.Name}: {diffs[0].Text}");
            else changes.Add(new FunctionChange(ChangeKind.Changed, pre.Main, post.Main)
            {
                PreCold = pre.Cold, PostCold = post.Cold, Reason = diffs[0].Text,
            });
        }
        foreach (var pre in context.Pre.Units)
        {
            if (correlation.PostTwin(pre.Main) is { } t && context.Post.UnitOf(t) is not null || correlation.IsAmbiguous(pre.Main)) continue;
            if (InitCodeRule.IsInit(context.Pre, pre))
                context.Notes.Add($"init function {pre.Name} removed; nothing to do, init code has already run");
            else changes.Add(new FunctionChange(ChangeKind.Removed, pre.Main, null) { PreCold = pre.Cold, Reason = "removed" });
        }
        return changes;
    }
}
