namespace Ksplice.Apply.Applying;

/// <summary>Apply or undo: another ksplice-apply or ksplice-undo holds the lock <paramref name="LockPath"/>.</summary>
public sealed record OperationInProgress(string Id, string LockPath) : TargetRefusal(Id);
