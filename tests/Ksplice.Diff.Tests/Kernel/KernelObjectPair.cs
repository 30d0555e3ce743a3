using System.Security.Cryptography;
using System.Text;
using Ksplice.Source.Kbuild;
using Ksplice.Source.Patches;
using Ksplice.Source.Process;
using Ksplice.TestSupport;

namespace Ksplice.Diff.Tests.Kernel;

/// <summary>
/// One object of the prepared test tree built twice with kbuild's own command line (compile and objtool): from a copy
/// of the pristine sources (pre) and from a copy with a corpus patch applied and line numbers preserved by
/// <see cref="LineDirectives"/> as the integrator does (post). The
/// tree's sources are never touched; the copies and objects live under the test cache and are reused while the
/// command, the patch and the sources stay the same.
/// </summary>
public sealed record KernelObjectPair(string Object, string Pre, string Post, TimeSpan BuildTime)
{
    private const string Version = "3";

    public static KernelObjectPair Build(KernelTree tree, string corpusCase, string obj)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var runner = new ProcessRunner();
        var patch = Path.Combine(TestPaths.Corpus, corpusCase, "patch");
        if (!File.Exists(patch)) throw new FileNotFoundException($"{patch}: no such corpus case; see {TestPaths.Corpus}/README.md", patch);
        var source = obj[..^2] + ".c";
        var touched = PatchedFiles(patch);
        if (!touched.Contains(source)) throw new InvalidOperationException($"{patch} does not patch {source}; name an object built from a patched .c file");

        var command = KernelCopyBuild.Command(tree, obj);
        var dir = Path.Combine(tree.CacheDir, "scratch", "diff", corpusCase + "-" + obj.Replace('/', '_'));
        var stamp = Stamp(tree, command, patch, touched);
        var stampPath = Path.Combine(dir, "stamp");
        var pair = new KernelObjectPair(obj, Path.Combine(dir, "pre.o"), Path.Combine(dir, "post.o"), TimeSpan.Zero);
        if (File.Exists(stampPath) && File.ReadAllText(stampPath) == stamp && File.Exists(pair.Pre) && File.Exists(pair.Post))
            return pair with { BuildTime = clock.Elapsed };

        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        foreach (var side in new[] { "pre", "post" })
            foreach (var f in touched.Where(f => File.Exists(tree.Source.FullPath(f))))
            {
                var copy = Path.Combine(dir, side, f);
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(tree.Source.FullPath(f), copy);
            }
        runner.RunChecked(new ProcessSpec("patch", ["-p1", "-s", "-i", patch]) { WorkingDirectory = Path.Combine(dir, "post") },
            $"applying {patch} to copies of {string.Join(", ", touched)}");
        // What the integrator does to the post tree: #line directives keep unchanged code's line numbers.
        foreach (var f in touched.Where(LineDirectives.AppliesTo).Where(f => File.Exists(Path.Combine(dir, "pre", f))))
            File.WriteAllText(Path.Combine(dir, "post", f),
                LineDirectives.Preserve(File.ReadAllText(Path.Combine(dir, "pre", f)), File.ReadAllText(Path.Combine(dir, "post", f))));
        foreach (var side in new[] { "pre", "post" })
            runner.RunChecked(new ProcessSpec("sh", ["-c", KernelCopyBuild.Rewrite(tree, command, obj, source, dir, side)]) { WorkingDirectory = tree.TreePath },
                $"building the {side} copy of {obj}");
        File.WriteAllText(stampPath, stamp);
        return pair with { BuildTime = clock.Elapsed };
    }

    private static List<string> PatchedFiles(string patch) =>
        File.ReadLines(patch).Where(l => l.StartsWith("+++ ", StringComparison.Ordinal))
            .Select(l => l[4..].Split('\t', ' ')[0])
            .Select(p => p.Contains('/') ? p[(p.IndexOf('/') + 1)..] : p)
            .Distinct().ToList();

    private static string Stamp(KernelTree tree, string command, string patch, IEnumerable<string> touched)
    {
        var text = new StringBuilder(Version).Append('\n').Append(command).Append('\n').Append(File.ReadAllText(patch));
        foreach (var f in touched.Where(f => File.Exists(tree.Source.FullPath(f)))) text.Append('\n').Append(File.ReadAllText(tree.Source.FullPath(f)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
