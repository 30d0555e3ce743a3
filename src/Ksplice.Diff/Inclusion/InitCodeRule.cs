using Ksplice.Elf.Sections;
using Ksplice.Diff.Comparison;
using Ksplice.Diff.Indexing;
using Ksplice.Diff.Model;

namespace Ksplice.Diff.Inclusion;

/// <summary>
/// Boot-time code has run and been freed, so a change to it cannot take effect: refused, unless every difference is a
/// call that now goes to another gcc clone of the same callee (<c>foo</c> became <c>foo.isra.0</c>), which changes nothing
/// the init function does; that is only noted.
/// </summary>
public static class InitCodeRule
{
    public static bool IsInit(DiffIndex index, FunctionUnit unit) => index.Category(unit.Section) == SectionCategory.InitCode;

    /// <summary>Handles a changed init function; <paramref name="diffs"/> are all its differences.</summary>
    public static void Changed(DiffContext context, FunctionUnit post, List<Difference> diffs)
    {
        if (diffs.All(d => d.Kind == DifferenceKind.CalleeRename))
        {
            context.Notes.Add($"init function {post.Name} ({post.Section.Name}) differs only by callee renames ({string.Join("; ", diffs.Select(d => d.Text))}); ignored, init code has already run");
            return;
        }
        var first = diffs.First(d => d.Kind != DifferenceKind.CalleeRename);
        context.Refuse(post.Name, RefusalReason.InitCodeChanged, $"{post.Section.Name}: {first.Text}");
    }

    public static void Added(DiffContext context, FunctionUnit post) =>
        context.Refuse(post.Name, RefusalReason.InitCodeChanged, $"new init function in {post.Section.Name}; it would never run");
}
