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
    // Test classes run in parallel and two of them build the same pair: one must not delete the folder the other reads.
    private static readonly object Gate = new();

    public static EditedKernelObject Build(KernelTree tree, string name, string obj, string find, string replace)
    {
        lock (Gate) return BuildLocked(tree, name, obj, find, replace);
    }

    private static EditedKernelObject BuildLocked(KernelTree tree, string name, string obj, string find, string replace)
    {
        var runner = new ProcessRunner();
        var source = obj[..^2] + ".c";
        var original = File.ReadAllText(tree.Source.FullPath(source));
        if (!original.Contains(find, StringComparison.Ordinal)) throw new InvalidOperationException($"{source} does not contain '{find}'");
        var edited = original.Replace(find, replace, StringComparison.Ordinal);
        var command = KernelCopyBuild.Command(tree, obj);
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
            runner.RunChecked(new ProcessSpec("sh", ["-c", KernelCopyBuild.Rewrite(tree, command, obj, source, dir, side)]) { WorkingDirectory = tree.TreePath },
                $"building the {side} copy of {obj}");
        }
        File.WriteAllText(stampPath, stamp);
        return pair;
    }
}
