using Ksplice.Source.Kernel;
using Ksplice.Source.Process;

namespace Ksplice.Source.Kbuild;

/// <summary>
/// Evaluates kbuild Makefiles with make itself (small helper makefiles, <c>kbuild-dir.mk</c> and <c>kbuild-arch.mk</c>,
/// that include auto.conf, Kbuild.include and the directory's Kbuild or Makefile) and parses what they print.
/// </summary>
public sealed class KbuildMakefileReader(string tree, IProcessRunner runner)
{
    private static readonly Lazy<string> HelperDir = new(ExtractHelpers);

    public string Tree { get; } = tree;

    public KbuildArch ReadArch()
    {
        var autoConf = Path.Combine(Tree, "include/config/auto.conf");
        if (!File.Exists(autoConf))
            throw new KspliceSourceException($"{autoConf}: missing; prepare the tree first (--prebuild).");
        var config = KernelConfig.Read(autoConf);
        var srcArch = KbuildArch.ArchOptions.FirstOrDefault(a => config.IsEnabled(a.Option)).SrcArch
            ?? throw new KspliceSourceException($"{autoConf}: no known architecture option set ({string.Join(", ", KbuildArch.ArchOptions.Select(a => a.Option))}).");
        var env = new Dictionary<string, string?> { ["srctree"] = ".", ["SRCARCH"] = srcArch, ["ARCH"] = srcArch, ["MAKEFLAGS"] = null, ["MAKELEVEL"] = null };
        var lines = RunHelper("kbuild-arch.mk", [], "ksplice-print-arch", env);
        string Get(string key) => lines.GetValueOrDefault(key, "");
        return new KbuildArch(srcArch, Get("core-y"), Get("libs-y"), Get("drivers-y"), Get("BITS"));
    }

    /// <summary>The lists of one directory (tree-relative, "." for the top); an empty set when it has no kbuild file.</summary>
    public KbuildDirectory ReadDirectory(string dir, KbuildArch arch)
    {
        var full = Path.Combine(Tree, dir);
        if (!File.Exists(Path.Combine(full, "Kbuild")) && !File.Exists(Path.Combine(full, "Makefile")))
            return KbuildDirectory.Empty(dir);
        var result = runner.Run(Spec("kbuild-dir.mk", [$"obj={dir}"], "ksplice-print", arch.Environment));
        if (!result.Succeeded)
            throw new KspliceSourceException($"Could not evaluate the kbuild file of {dir} in {Tree} ({result.Tail(5).Trim()}); is the tree prepared?");
        return Parse(dir, result.StandardOutput);
    }

    public static KbuildDirectory Parse(string dir, string output)
    {
        List<string> objY = [], objM = [], libY = [];
        var parts = new Dictionary<string, CompositeParts>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            switch (words[0])
            {
                case "obj-y": objY.AddRange(words.Skip(1)); break;
                case "obj-m": objM.AddRange(words.Skip(1)); break;
                case "lib-y" or "lib-m": libY.AddRange(words.Skip(1)); break;
                case "parts" when words.Length >= 2:
                    parts[words[1]] = ParseParts(words.Skip(2).ToList());
                    break;
            }
        }
        return new KbuildDirectory(dir, objY.Distinct().ToList(), objM.Distinct().ToList(), libY.Distinct().Except(objY).ToList(), parts);
    }

    private static CompositeParts ParseParts(List<string> words)
    {
        var lists = new Dictionary<string, List<string>> { ["-objs"] = [], ["-y"] = [], ["-m"] = [] };
        List<string>? current = null;
        foreach (var w in words)
        {
            if (lists.TryGetValue(w, out var l)) current = l;
            else current?.Add(w);
        }
        return new CompositeParts(lists["-objs"], lists["-y"], lists["-m"]);
    }

    private Dictionary<string, string> RunHelper(string helper, IReadOnlyList<string> vars, string goal, IReadOnlyDictionary<string, string?> env)
    {
        var result = runner.RunChecked(Spec(helper, vars, goal, env), $"evaluating kbuild files in {Tree}");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in result.StandardOutput.Split('\n'))
        {
            var sp = line.IndexOf(' ');
            if (sp > 0) map[line[..sp]] = line[(sp + 1)..].Trim();
            else if (line.Length > 0) map[line] = "";
        }
        return map;
    }

    private ProcessSpec Spec(string helper, IReadOnlyList<string> vars, string goal, IReadOnlyDictionary<string, string?> env) =>
        new("make", ["-s", "--no-print-directory", "-f", Path.Combine(HelperDir.Value, helper), .. vars, goal])
        {
            WorkingDirectory = Tree,
            Environment = env,
        };

    /// <summary>Writes the helper makefiles to a new private (0700) directory of this process, removed when it exits.</summary>
    private static string ExtractHelpers()
    {
        var assembly = typeof(KbuildMakefileReader).Assembly;
        var dir = Directory.CreateTempSubdirectory("ksplice-kbuild-helpers-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        foreach (var name in new[] { "kbuild-dir.mk", "kbuild-arch.mk" })
        {
            using var stream = assembly.GetManifestResourceStream("Ksplice.Source.Kbuild." + name)
                ?? throw new InvalidOperationException($"embedded resource {name} is missing");
            using var reader = new StreamReader(stream);
            Trees.SafeFile.WriteAllTextReplacing(Path.Combine(dir, name), reader.ReadToEnd());
        }
        return dir;
    }
}
