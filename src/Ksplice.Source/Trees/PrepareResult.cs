namespace Ksplice.Source.Trees;

/// <summary>How a prepare went: whether it had anything to do, and how long it took.</summary>
public sealed record PrepareResult(bool AlreadyPrepared, TimeSpan Elapsed, PrepareStamp Stamp);
