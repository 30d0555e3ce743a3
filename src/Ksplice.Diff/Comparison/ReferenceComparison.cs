namespace Ksplice.Diff.Comparison;

/// <summary>The verdict on two relocated fields: equal, or why not.</summary>
public sealed record ReferenceComparison(bool Equal, string Text, bool IsCalleeRename = false)
{
    public static ReferenceComparison Same { get; } = new(true, "");

    public static ReferenceComparison Differs(string text, bool calleeRename = false) => new(false, text, calleeRename);
}
