namespace Ksplice.Source.Trees;

/// <summary>
/// Which files of the source tree the post tree may share by hard link. Sources are linked (the patch replaces the
/// ones it touches: GNU patch writes a new file and renames it). Build state is copied, because make and the compiler
/// rewrite those files in place (<c>gcc -o</c> truncates, <c>.missing-syscalls.d</c> is rewritten by every make run,
/// kbuild's <c>printf &gt; .x.cmd</c>). Copying a source by mistake costs space; linking build state would corrupt
/// the pre tree, so the table errs towards copying.
/// </summary>
public static class LinkPolicy
{
    /// <summary>Directories (tree-relative prefixes, <c>*</c> matches one component) holding only generated files.</summary>
    public static IReadOnlyList<string> GeneratedDirectories { get; } =
    [
        "include/config/", "include/generated/", "arch/*/include/generated/", ".tmp_versions/", "tools/objtool/", "scripts/",
    ];

    /// <summary>
    /// Build state the post tree rebuilds for itself and keeps across resets: host tools whose build records absolute
    /// paths (objtool's .cmd files name the source tree), so make rebuilds them once in the post tree. Patches never
    /// reach them (changes under tools/ are ignored), so keeping the post tree's copies is safe.
    /// </summary>
    public static IReadOnlyList<string> PostOwnedDirectories { get; } = ["tools/"];

    /// <summary>True for post-tree build state that a reset keeps (see <see cref="PostOwnedDirectories"/>).</summary>
    public static bool IsPostOwned(string relativePath, UnixFileMode mode) =>
        !MayLink(relativePath, mode) && PostOwnedDirectories.Any(d => UnderPattern(relativePath, d));

    /// <summary>File name endings of build outputs.</summary>
    public static IReadOnlyList<string> BuildOutputSuffixes { get; } =
    [
        ".o", ".a", ".s", ".i", ".ko", ".mod", ".mod.c", ".cmd", ".d", ".order", ".symvers", ".tmp", ".lst", ".so",
        ".bin", ".elf", ".gz", ".xz", ".lz4", ".lzo", ".lzma", ".zst", ".bz2", ".cpio", ".builtin", ".modinfo", ".lds",
    ];

    /// <summary>Whole file names of build outputs.</summary>
    public static IReadOnlySet<string> BuildOutputNames { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "vmlinux", "System.map", "Module.symvers", "modules.order", "modules.builtin", "bzImage",
    };

    /// <summary>True when the post tree may hard-link this file; false when it must get its own copy.</summary>
    public static bool MayLink(string relativePath, UnixFileMode mode)
    {
        var name = Path.GetFileName(relativePath);
        if (name.StartsWith('.')) return false;
        if ((mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0) return false;
        if (BuildOutputNames.Contains(name)) return false;
        if (BuildOutputSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal))) return false;
        return !GeneratedDirectories.Any(d => UnderPattern(relativePath, d));
    }

    private static bool UnderPattern(string path, string pattern)
    {
        var p = pattern.TrimEnd('/').Split('/');
        var parts = path.Split('/');
        if (parts.Length <= p.Length) return false;
        for (var i = 0; i < p.Length; i++)
            if (p[i] != "*" && p[i] != parts[i]) return false;
        return true;
    }
}
