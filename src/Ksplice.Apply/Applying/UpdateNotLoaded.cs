namespace Ksplice.Apply.Applying;

/// <summary>Undo: no update with this id is loaded; <see cref="RecordRemoved"/> when ksplice-apply's record of it was left and is now gone.</summary>
public sealed record UpdateNotLoaded(string Id) : TargetRefusal(Id)
{
    public bool RecordRemoved { get; init; }
}
