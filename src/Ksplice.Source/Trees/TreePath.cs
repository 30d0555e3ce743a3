namespace Ksplice.Source.Trees;

/// <summary>
/// The one check every tree-relative path goes through before a tree is written, deleted or rewritten at it: the name
/// is relative, has no <c>..</c> component and no control character, and no existing component below the root is a
/// symbolic link, so the canonical path stays inside the tree.
/// </summary>
public static class TreePath
{
    /// <summary>Why <paramref name="relative"/> is not a plain tree-relative name, or null when it is.</summary>
    public static string? NameProblem(string relative)
    {
        if (relative.Length == 0) return "an empty file name";
        if (relative.StartsWith('/')) return "an absolute file name";
        if (relative.Split('/').Any(c => c == "..")) return "a file name with a '..' component";
        if (relative.Any(c => c < 0x20 || c is >= '\x7f' and <= '\x9f')) return "a file name with control characters";
        return null;
    }

    /// <summary>
    /// The full path of <paramref name="relative"/> inside <paramref name="root"/>; throws when the name is not plain or
    /// a component is a symbolic link (the last one may be when <paramref name="allowLinkAtEnd"/>: it is replaced, not followed).
    /// </summary>
    public static string Inside(string root, string relative, bool allowLinkAtEnd = false)
    {
        root = Path.GetFullPath(root).TrimEnd('/');
        if (NameProblem(relative) is { } problem)
            throw new KspliceSourceException($"{relative}: {problem}; refusing to write outside {root}.");
        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (!full.StartsWith(root + "/", StringComparison.Ordinal))
            throw new KspliceSourceException($"{relative}: resolves to {full}, outside {root}; refusing to write there.");
        var parts = Path.GetRelativePath(root, full).Split('/');
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            current = Path.Combine(current, parts[i]);
            var info = new FileInfo(current);
            if (!info.Exists && !Directory.Exists(current) && info.LinkTarget is null) break;
            if (info.LinkTarget is not null && !(allowLinkAtEnd && i == parts.Length - 1))
                throw new KspliceSourceException($"{relative}: {Path.GetRelativePath(root, current)} is a symbolic link (to {info.LinkTarget}) in {root}; refusing to write through it.");
        }
        return full;
    }
}
