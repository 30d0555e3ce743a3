namespace Ksplice.Apply.Applying;

/// <summary>
/// A ksplice_core is loaded, but it is not the installed one at <paramref name="Path"/>: its srcversion
/// (<c>/sys/module/ksplice_core/srcversion</c>, null when it has none) differs from the installed file's. A core loaded
/// by hand, or left from another ksplice, would serve this update.
/// </summary>
public sealed record LoadedCoreNotInstalled(string Id, string Path, string? LoadedSourceVersion, string? InstalledSourceVersion) : TargetRefusal(Id);
