namespace Ksplice.Source.Patches;

/// <summary>--patch=FILE with --patch-opt (default <c>-p1</c>): a patch(1) file.</summary>
public static class PatchFileInput
{
    public static SourcePatch Load(string patchFile, IReadOnlyList<string>? patchOptions = null)
    {
        if (!File.Exists(patchFile))
            throw new KspliceSourceException($"{patchFile}: no such patch file.");
        var patch = SourcePatch.FromBytes(File.ReadAllBytes(patchFile), patchOptions);
        return patch.Files.Count > 0
            ? patch
            : throw new KspliceSourceException($"{patchFile}: no unified diff found in it (no ---/+++ file headers); give a patch made with diff -u or git diff.");
    }
}
