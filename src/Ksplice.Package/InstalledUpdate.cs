namespace Ksplice.Package;

/// <summary>One update tarball installed for a release (<see cref="InstalledUpdates"/>).</summary>
public sealed record InstalledUpdate(string Id, string Path);
