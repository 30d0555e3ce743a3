namespace Ksplice.Source.Patches;

/// <summary>
/// A source change to build an update from, whatever its origin (--patch, --diffext, --git): the unified diff text,
/// the options GNU patch applies it with, and the files it touches.
/// </summary>
public sealed record SourcePatch(string Text, IReadOnlyList<string> PatchOptions, IReadOnlyList<TouchedFile> Files)
{
    public static IReadOnlyList<string> DefaultOptions { get; } = ["-p1"];

    /// <summary>Builds the record from diff text, listing the touched files with <see cref="UnifiedDiffParser"/>.</summary>
    public static SourcePatch FromText(string text, IReadOnlyList<string>? patchOptions = null)
    {
        var options = patchOptions is { Count: > 0 } ? patchOptions : DefaultOptions;
        return new SourcePatch(text, options, UnifiedDiffParser.TouchedFiles(text, UnifiedDiffParser.StripLevel(options)));
    }
}
