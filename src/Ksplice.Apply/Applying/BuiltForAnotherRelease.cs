namespace Ksplice.Apply.Applying;

/// <summary>The update was built for kernel release <paramref name="Built"/>; this one is <paramref name="Running"/>.</summary>
public sealed record BuiltForAnotherRelease(string Id, string Built, string Running) : TargetRefusal(Id);
