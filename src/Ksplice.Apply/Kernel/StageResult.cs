namespace Ksplice.Apply.Kernel;

/// <summary>What an update's sysfs directory says after a stage change: the stage, why it did not change, the
/// tasks that blocked it and the core's debug log of the attempt.</summary>
public sealed record StageResult(UpdateStage Stage, AbortCause AbortCause, IReadOnlyList<StackConflict> Conflicts, string Debug)
{
    /// <summary>The update reached <paramref name="wanted"/> and the core reported no error.</summary>
    public bool Reached(UpdateStage wanted) => Stage == wanted && AbortCause == AbortCause.Ok;
}
