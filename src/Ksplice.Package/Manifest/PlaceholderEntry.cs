namespace Ksplice.Package.Manifest;

/// <summary>
/// A reference the module loader cannot resolve: placeholder symbol in the update module, and what it stands for.
/// An empty <see cref="Object"/> means a global of the target, looked up in any of its objects.
/// </summary>
public sealed record PlaceholderEntry(string Placeholder, string Name, string Object, string Target, PlaceholderKind Kind);
