namespace Ksplice.Apply.Applying;

/// <summary>
/// Where a function's trampoline goes is decided twice: by ksplice-create from the pre object's <c>__mcount_loc</c>
/// (the manifest's <c>TrampolineOffset</c>, built into the update module's descriptor, which the core uses), and by
/// the matcher from the running function (what apply records and ksplice-view reads). Apply refuses when they differ.
/// </summary>
public static class TrampolineOffsets
{
    /// <exception cref="TrampolineOffsetMismatchException">The two offsets differ.</exception>
    public static void Check(string function, int manifestOffset, int matchedOffset)
    {
        if (manifestOffset != matchedOffset)
            throw new TrampolineOffsetMismatchException(function, manifestOffset, matchedOffset);
    }
}
