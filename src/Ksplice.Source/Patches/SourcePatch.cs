using System.Text;

namespace Ksplice.Source.Patches;

/// <summary>
/// A source change to build an update from, whatever its origin (--patch, --diffext, --git): the unified diff as bytes
/// (what GNU patch is given, unchanged), its text (for reading headers and the description), the options GNU patch
/// applies it with, and the files its headers name.
/// </summary>
public sealed record SourcePatch(string Text, IReadOnlyList<string> PatchOptions, IReadOnlyList<TouchedFile> Files)
{
    public static IReadOnlyList<string> DefaultOptions { get; } = ["-p1"];

    /// <summary>The patch exactly as read; the UTF-8 encoding of <see cref="Text"/> when built from text.</summary>
    public byte[] Bytes { get; init; } = [];

    /// <summary>Builds the record from diff text, listing the touched files with <see cref="UnifiedDiffParser"/>.</summary>
    public static SourcePatch FromText(string text, IReadOnlyList<string>? patchOptions = null) =>
        FromBytes(new UTF8Encoding(false).GetBytes(text), patchOptions);

    /// <summary>
    /// Builds the record from the patch's bytes, which are kept for GNU patch. The text is their UTF-8 decoding, or
    /// Latin-1 when they are not valid UTF-8 (so every byte maps to one character and no header is mangled).
    /// </summary>
    public static SourcePatch FromBytes(byte[] bytes, IReadOnlyList<string>? patchOptions = null)
    {
        var options = patchOptions is { Count: > 0 } ? patchOptions : DefaultOptions;
        Patches.PatchOptions.Check(options);
        var text = Decode(bytes);
        var files = UnifiedDiffParser.TouchedFiles(text, UnifiedDiffParser.StripLevel(options));
        foreach (var f in files)
            if (Trees.TreePath.NameProblem(f.Path) is { } problem)
                throw new KspliceSourceException($"The patch names {f.Path}, {problem}; a patch may only change files inside KERNEL_SOURCE.");
        return new SourcePatch(text, options, files) { Bytes = bytes };
    }

    private static string Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }
}
