using Ksplice.Source.Kbuild;

namespace Ksplice.TestSupport;

/// <summary>
/// Builds a copy of one kernel source file outside the tree with the exact command kbuild recorded for its object, so a
/// test gets pre and post objects byte for byte as kbuild makes them without touching the shared tree.
/// </summary>
public static class KernelCopyBuild
{
    /// <summary>kbuild's recorded command for the object, building it once in the tree when there is none yet.</summary>
    public static string Command(KernelTree tree, string obj)
    {
        if (!File.Exists(BuildCommandReader.CmdFilePath(tree.TreePath, obj))) tree.Kbuild.BuildObjects(tree.TreePath, [obj]);
        using (TreeLock.Acquire(tree.TreePath)) return BuildCommandReader.Read(tree.TreePath, obj).CommandLine;
    }

    /// <summary>The compile-and-objtool command with the copy as source, the scratch object as output, and the
    /// original directory searched for quoted includes; __FILE__ keeps the tree-relative name, in the copy and in
    /// the headers found through the tree, so the pre object is byte for byte the one kbuild builds.</summary>
    public static string Rewrite(KernelTree tree, string command, string obj, string source, string dir, string side)
    {
        var output = Path.Combine(dir, side + ".o");
        var copyRoot = Path.Combine(dir, side);
        var compile = $" -c -o {obj} {source}";
        var objtool = " " + obj;
        if (!command.Contains(compile, StringComparison.Ordinal))
            throw new InvalidOperationException($"the kbuild command of {obj} does not contain '{compile.Trim()}': {command}");
        var rewritten = System.Text.RegularExpressions.Regex.Replace(command, @"-Wp,-MMD,\S+", $"-Wp,-MMD,{Path.Combine(dir, side + ".d")}")
            .Replace(compile, $" -iquote {tree.Source.FullPath(Path.GetDirectoryName(source)!)} -fmacro-prefix-map={copyRoot}/= -fmacro-prefix-map={tree.TreePath}/= -c -o {output} {Path.Combine(copyRoot, source)}", StringComparison.Ordinal);
        // objtool (and any later step) names the object last.
        return rewritten.TrimEnd().EndsWith(objtool, StringComparison.Ordinal) ? rewritten.TrimEnd()[..^objtool.Length] + " " + output : rewritten;
    }
}
