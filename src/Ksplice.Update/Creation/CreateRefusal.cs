namespace Ksplice.Update.Creation;

/// <summary>Why ksplice-create refused the patch: a touched file (<see cref="TouchedFileRefusal"/>) or a change in an
/// object (<see cref="ObjectChangeRefusal"/>). The CLI turns them into text.</summary>
public abstract record CreateRefusal;
