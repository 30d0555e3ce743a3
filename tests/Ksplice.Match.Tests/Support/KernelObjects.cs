using Ksplice.Elf.IO;
using Ksplice.Elf.Model;
using Ksplice.Source.Kbuild;
using Ksplice.Source.Process;
using Ksplice.TestSupport;

namespace Ksplice.Match.Tests.Support;

/// <summary>
/// Kernel objects built with -ffunction-sections -fdata-sections in the shared test tree (<see cref="KernelTree"/>),
/// copied into the match cache so other test assemblies rebuilding them in the tree cannot pull them away; and
/// objects built from an edited copy of a source file with the tree's recorded command line and objtool run.
/// </summary>
public static class KernelObjects
{
    private static readonly object Gate = new();

    private static string Dir => Path.Combine(KernelImage.CacheDir, "objects");

    public static ElfObject Read(string objectPath)
    {
        var obj = ElfReader.ReadFile(Build(objectPath));
        obj.Origin = objectPath;
        return obj;
    }

    /// <summary>The cached copy of a tree object (tree-relative path, e.g. kernel/printk/printk.o).</summary>
    public static string Build(string objectPath)
    {
        var cached = Path.Combine(Dir, objectPath);
        lock (Gate)
        {
            if (File.Exists(cached)) return cached;
            var tree = KernelTree.Shared;
            Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
            using (FileLock.Acquire(Path.Combine(Dir, ".lock"), TimeSpan.FromMinutes(30)))
            {
                if (File.Exists(cached)) return cached;
                if (!TryCopy(tree, objectPath, cached))
                {
                    tree.Kbuild.BuildObjects(tree.TreePath, [objectPath]);
                    if (!TryCopy(tree, objectPath, cached))
                        throw new InvalidOperationException($"{objectPath} vanished from {tree.TreePath} right after it was built");
                }
            }
            return cached;
        }
    }

    /// <summary>
    /// Builds <paramref name="objectPath"/> from its source edited by <paramref name="edit"/>, with the command kbuild
    /// recorded for it (run in the tree, output elsewhere) and the objtool run that follows; cached under
    /// <paramref name="name"/>.
    /// </summary>
    public static ElfObject ReadPatched(string objectPath, string name, Func<string, string> edit)
    {
        Build(objectPath);
        var tree = KernelTree.Shared;
        var dir = Path.Combine(KernelImage.CacheDir, "patched", name);
        var output = Path.Combine(dir, Path.GetFileName(objectPath));
        lock (Gate)
        {
            using (FileLock.Acquire(Path.Combine(KernelImage.CacheDir, ".patched.lock"), TimeSpan.FromMinutes(30)))
            {
                if (!File.Exists(output))
                {
                    var command = BuildCommandReader.Read(tree.TreePath, objectPath);
                    var sourceRelative = command.Source ?? throw new InvalidOperationException($"{objectPath}: no source recorded");
                    var original = File.ReadAllText(Path.Combine(tree.TreePath, sourceRelative));
                    var edited = edit(original);
                    if (edited == original) throw new InvalidOperationException($"{name}: the edit changed nothing in {sourceRelative}");
                    Directory.CreateDirectory(dir);
                    var source = Path.Combine(dir, Path.GetFileName(sourceRelative));
                    File.WriteAllText(source, edited);
                    var tmp = output + ".tmp";
                    Compile(tree, command, sourceRelative, source, tmp, dir);
                    File.Move(tmp, output, overwrite: true);
                }
            }
        }
        var obj = ElfReader.ReadFile(output);
        obj.Origin = $"{objectPath} ({name})";
        return obj;
    }

    private static void Compile(KernelTree tree, BuildCommand command, string sourceRelative, string source, string output, string dir)
    {
        var args = command.CompileArguments.Skip(1).ToList();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "-o" && i + 1 < args.Count) args[i + 1] = output;
            else if (args[i] == sourceRelative) args[i] = source;
            else if (args[i].StartsWith("-Wp,-MMD,", StringComparison.Ordinal)) args[i] = "-Wp,-MMD," + Path.Combine(dir, "dep.d");
        }
        // Quoted includes ("internal.h") are looked up next to the source first: add its tree directory.
        args.Insert(0, "-I" + Path.Combine(tree.TreePath, Path.GetDirectoryName(sourceRelative)!));
        var runner = ProcessRunner.Default;
        runner.RunChecked(new ProcessSpec(command.Compiler!, args) { WorkingDirectory = tree.TreePath }, $"compiling the edited {sourceRelative}");
        var objtool = command.CommandLine.Split(';').Select(p => p.Trim()).FirstOrDefault(p => p.Contains("objtool", StringComparison.Ordinal));
        if (objtool is null) return;
        var words = ShellWords.Split(objtool).ToList();
        words[^1] = output;
        if (!Path.IsPathRooted(words[0])) words[0] = Path.GetFullPath(Path.Combine(tree.TreePath, words[0]));
        runner.RunChecked(new ProcessSpec(words[0], words.Skip(1).ToList()) { WorkingDirectory = tree.TreePath }, $"running objtool on the edited {sourceRelative}");
    }

    private static bool TryCopy(KernelTree tree, string objectPath, string cached)
    {
        using (TreeLock.Acquire(tree.TreePath))
        {
            var built = Path.Combine(tree.TreePath, objectPath);
            if (!File.Exists(built) || !HasFunctionSections(built)) return false;
            File.Copy(built, cached + ".tmp", overwrite: true);
            File.Move(cached + ".tmp", cached, overwrite: true);
            return true;
        }
    }

    private static bool HasFunctionSections(string path) =>
        ElfReader.ReadFile(path).Sections.Count(s => s.IsExecutable && s.Name.StartsWith(".text.", StringComparison.Ordinal)) > 1;
}
