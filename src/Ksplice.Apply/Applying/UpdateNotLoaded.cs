namespace Ksplice.Apply.Applying;

/// <summary>Undo: no update with this id is loaded.</summary>
public sealed record UpdateNotLoaded(string Id) : TargetRefusal(Id);
