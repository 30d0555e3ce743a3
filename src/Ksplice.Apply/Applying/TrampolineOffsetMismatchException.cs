namespace Ksplice.Apply.Applying;

/// <summary>The update module would write a function's trampoline at another offset than the matcher found for it.</summary>
public sealed class TrampolineOffsetMismatchException(string function, int manifestOffset, int matchedOffset)
    : InvalidOperationException(
        $"{function}: the update was built to write its trampoline at +{manifestOffset}, but the matcher found it at " +
        $"+{matchedOffset} in the running function (the update's __mcount_loc and the running code disagree about its " +
        "ftrace call); build the update again from this kernel's source")
{
    public string Function { get; } = function;

    /// <summary>The manifest's <c>TrampolineOffset</c>, computed by ksplice-create.</summary>
    public int ManifestOffset { get; } = manifestOffset;

    /// <summary>The offset the matcher found.</summary>
    public int MatchedOffset { get; } = matchedOffset;
}
