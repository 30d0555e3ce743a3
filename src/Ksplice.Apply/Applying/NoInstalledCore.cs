namespace Ksplice.Apply.Applying;

/// <summary>No core module is installed for the running kernel at <paramref name="Path"/> (see <see cref="Kernel.InstalledCore"/>).</summary>
public sealed record NoInstalledCore(string Id, string Release, string Path) : TargetRefusal(Id);
