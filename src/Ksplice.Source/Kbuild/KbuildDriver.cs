using Ksplice.Source.Process;

namespace Ksplice.Source.Kbuild;

/// <summary>
/// Runs kbuild: objects in a source tree (one make invocation for the whole list) and external modules against a
/// headers directory. Every command goes through <see cref="IProcessRunner"/>.
/// </summary>
public sealed class KbuildDriver(IProcessRunner runner, KbuildOptions options)
{
    private static readonly string[] ErrorMarkers = ["error:", "Error ", "*** ", "undefined reference", "No rule to make target"];

    public KbuildOptions Options { get; } = options;

    /// <summary>
    /// Builds the given objects (tree-relative, e.g. <c>kernel/printk/printk.o</c>) in one make run. Each target's
    /// <c>.o</c>, <c>.cmd</c> and <c>.d</c> are deleted first, so the build creates new files and never writes through
    /// an inode shared with a hard-linked tree. Returns the recorded build command of each object.
    /// </summary>
    public IReadOnlyList<BuildCommand> BuildObjects(string tree, IReadOnlyCollection<string> objects)
    {
        foreach (var o in objects)
            if (!o.EndsWith(".o", StringComparison.Ordinal) || Path.IsPathRooted(o) || o.Split('/').Contains(".."))
                throw new ArgumentException($"not a tree-relative object path: {o}", nameof(objects));
        if (objects.Count == 0) return [];
        using (TreeLock.Acquire(tree))
        {
            foreach (var o in objects)
            {
                var cmd = Path.GetRelativePath(tree, BuildCommandReader.CmdFilePath(tree, o));
                DeleteIfExists(Trees.TreePath.Inside(tree, o));
                DeleteIfExists(Trees.TreePath.Inside(tree, cmd));
                DeleteIfExists(Trees.TreePath.Inside(tree, cmd[..^".cmd".Length] + ".d"));
            }
            Make(tree, objects.ToArray(), $"building {objects.Count} object(s) in {tree}");
        }
        return objects.Select(o => BuildCommandReader.Read(tree, o)).ToList();
    }

    /// <summary>Runs make in a source tree with the tree variables (CC, KERNELRELEASE, KCFLAGS) and -j.</summary>
    public ProcessResult Make(string tree, IReadOnlyList<string> targets, string? what = null)
    {
        var args = new List<string> { "-C", tree, $"-j{Options.Jobs}" };
        args.AddRange(Options.TreeVariables);
        args.AddRange(targets);
        return RunMake(args, what ?? $"make {string.Join(' ', targets)} in {tree}");
    }

    /// <summary>
    /// Builds an external module (<c>make -C headers M=moduleDir CC=... modules</c>) with the given
    /// <c>Module.symvers</c> files as KBUILD_EXTRA_SYMBOLS; returns the path of the one <c>.ko</c> it made.
    /// </summary>
    public string BuildExternalModule(string headersDir, string moduleDir, IEnumerable<string> extraSymbols)
    {
        moduleDir = Path.GetFullPath(moduleDir);
        var before = DateTime.UtcNow.AddSeconds(-1);
        var args = new List<string> { "-C", headersDir, $"M={moduleDir}", $"-j{Options.Jobs}", $"CC={Options.Cc}" };
        var symbols = extraSymbols.Select(Path.GetFullPath).ToList();
        if (symbols.Count > 0) args.Add("KBUILD_EXTRA_SYMBOLS=" + string.Join(' ', symbols));
        args.Add("modules");
        RunMake(args, $"building the module in {moduleDir}");
        var modules = Directory.EnumerateFiles(moduleDir, "*.ko").Where(k => File.GetLastWriteTimeUtc(k) >= before).ToList();
        return modules.Count == 1
            ? modules[0]
            : throw new KspliceSourceException($"{moduleDir}: expected the build to make one .ko, it made {modules.Count} ({string.Join(", ", modules.Select(Path.GetFileName))}); the Kbuild file there should list exactly one obj-m.");
    }

    private ProcessResult RunMake(IReadOnlyList<string> args, string what)
    {
        var spec = new ProcessSpec("make", args)
        {
            Environment = new Dictionary<string, string?>
            {
                ["LC_ALL"] = "C", ["MAKEFLAGS"] = null, ["MFLAGS"] = null, ["MAKELEVEL"] = null, ["KBUILD_OUTPUT"] = null,
            },
        };
        var result = runner.Run(spec);
        if (result.Succeeded) return result;
        var lines = (result.StandardError + "\n" + result.StandardOutput).Split('\n');
        var errors = lines.Where(l => ErrorMarkers.Any(m => l.Contains(m, StringComparison.Ordinal))).Distinct().ToList();
        var shown = errors.Count > 0 ? errors.Take(30) : lines.Where(l => l.Length > 0).TakeLast(20);
        throw new KbuildException(
            $"Build failed while {what}:\n{string.Join('\n', shown)}\n(command: {result.CommandLine})",
            result.CommandLine, errors, result.Tail(60));
    }

    private static void DeleteIfExists(string path)
    {
        if (File.Exists(path)) File.Delete(path);
    }
}
