namespace Ksplice.Source.Patches;

/// <summary>A file a patch changes, tree-relative after stripping (<c>-p1</c>).</summary>
public sealed record TouchedFile(string Path, FileChangeKind Change);
