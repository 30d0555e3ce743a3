namespace Ksplice.Package.Manifest;

/// <summary>vmlinux or a module, and the objects of it that the update changes.</summary>
public sealed record TargetEntry(string Name, IReadOnlyList<string> Objects);
