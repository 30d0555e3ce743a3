namespace Ksplice.Apply.Kernel;

/// <summary>What an update's sysfs directory says after a stage change: the stage, why it did not change, the
/// tasks that blocked it and the core's debug log of the attempt.</summary>
public sealed record StageResult(UpdateStage Stage, AbortCause AbortCause, IReadOnlyList<StackConflict> Conflicts, string Debug)
{
    /// <summary>The update reached <paramref name="wanted"/> and the core reported no error.</summary>
    public bool Reached(UpdateStage wanted) => Stage == wanted && AbortCause == AbortCause.Ok;

    /// <summary>The cause the core reported (<see cref="AbortCause.Unexpected"/> when it reported none but the stage did not change).</summary>
    public AbortCause Failure => AbortCause == AbortCause.Ok ? AbortCause.Unexpected : AbortCause;

    /// <summary>
    /// The core's own explanation of <see cref="Failure"/>: the lines of <see cref="Debug"/> it starts with that cause's
    /// name ("call_failed: check_apply hook foo returned -16"), without the name.
    /// </summary>
    public IReadOnlyList<string> FailureDetails
    {
        get
        {
            var prefix = Failure.WireName() + ": ";
            return Debug.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..]).ToList();
        }
    }
}
