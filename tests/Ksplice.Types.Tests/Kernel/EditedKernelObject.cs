using System.Security.Cryptography;
using System.Text;
using Ksplice.Source.Kbuild;
using Ksplice.Source.Process;
using Ksplice.TestSupport;

namespace Ksplice.Types.Tests.Kernel;

/// <summary>
/// One object of the prepared test tree built twice with kbuild's own command line: from a copy of the pristine
/// source (pre) and from a copy with one text edit (post), as tests/Ksplice.Diff.Tests' KernelObjectPair does for
/// corpus patches. The tree is never touched; copies and objects live under the test cache, reused while the
/// command and the edit stay the same. Edits keep line numbers (one line stays one line).
/// </summary>
public sealed record EditedKernelObject(string Object, string Pre, string Post)
{
    public static EditedKernelObject Build(KernelTree tree, string name, string obj, string find, string replace)
    {
        var runner = new ProcessRunner();
        var source = obj[..^2] + ".c";
        var original = File.ReadAllText(tree.Source.FullPath(source));
        if (!original.Contains(find, StringComparison.Ordinal)) throw new InvalidOperationException($"{source} does not contain '{find}'");
        var edited = original.Replace(find, replace, StringComparison.Ordinal);
        var command = Command(tree, obj);
        var dir = Path.Combine(tree.CacheDir, "scratch", "types", name);
        var stampPath = Path.Combine(dir, "stamp");
        var stamp = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(command + "\0" + original + "\0" + edited)));
        var pair = new EditedKernelObject(obj, Path.Combine(dir, "pre.o"), Path.Combine(dir, "post.o"));
        if (File.Exists(stampPath) && File.ReadAllText(stampPath) == stamp && File.Exists(pair.Pre) && File.Exists(pair.Post)) return pair;

        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        foreach (var (side, text) in new[] { ("pre", original), ("post", edited) })
        {
            var copy = Path.Combine(dir, side, source);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.WriteAllText(copy, text);
            runner.RunChecked(new ProcessSpec("sh", ["-c", Rewrite(tree, command, obj, source, dir, side)]) { WorkingDirectory = tree.TreePath },
                $"building the {side} copy of {obj}");
        }
        File.WriteAllText(stampPath, stamp);
        return pair;
    }

    private static string Command(KernelTree tree, string obj)
    {
        if (!File.Exists(BuildCommandReader.CmdFilePath(tree.TreePath, obj))) tree.Kbuild.BuildObjects(tree.TreePath, [obj]);
        using (TreeLock.Acquire(tree.TreePath)) return BuildCommandReader.Read(tree.TreePath, obj).CommandLine;
    }

    /// <summary>kbuild's compile-and-objtool command with the copy as source and the scratch object as output (see KernelObjectPair).</summary>
    private static string Rewrite(KernelTree tree, string command, string obj, string source, string dir, string side)
    {
        var output = Path.Combine(dir, side + ".o");
        var copyRoot = Path.Combine(dir, side);
        var compile = $" -c -o {obj} {source}";
        var objtool = " " + obj;
        if (!command.Contains(compile, StringComparison.Ordinal))
            throw new InvalidOperationException($"the kbuild command of {obj} does not contain '{compile.Trim()}': {command}");
        var rewritten = System.Text.RegularExpressions.Regex.Replace(command, @"-Wp,-MMD,\S+", $"-Wp,-MMD,{Path.Combine(dir, side + ".d")}")
            .Replace(compile, $" -iquote {tree.Source.FullPath(Path.GetDirectoryName(source)!)} -fmacro-prefix-map={copyRoot}/= -fmacro-prefix-map={tree.TreePath}/= -c -o {output} {Path.Combine(copyRoot, source)}", StringComparison.Ordinal);
        return rewritten.TrimEnd().EndsWith(objtool, StringComparison.Ordinal) ? rewritten.TrimEnd()[..^objtool.Length] + " " + output : rewritten;
    }
}
