namespace Ksplice.Source.Trees;

/// <summary>What creating or resetting the post tree did.</summary>
public sealed record PostTreeSync(bool Created, int FilesRestored, TimeSpan Elapsed);
