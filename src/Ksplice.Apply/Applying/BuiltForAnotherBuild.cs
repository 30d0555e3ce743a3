namespace Ksplice.Apply.Applying;

/// <summary>The release matches but the version string (<c>uname -v</c>) does not: another build of that release.</summary>
public sealed record BuiltForAnotherBuild(string Id, string Release, string BuiltVersion, string RunningVersion) : TargetRefusal(Id);
