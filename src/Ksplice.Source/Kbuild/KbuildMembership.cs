using System.Collections.Concurrent;
using Ksplice.Source.Process;

namespace Ksplice.Source.Kbuild;

/// <summary>
/// Which objects the tree's configuration builds, and into what: answered from the kbuild Makefiles themselves
/// (kbuild compiles any object it is asked for, even one the configuration never builds, so a successful build
/// proves nothing). An object is looked up in the nearest directory whose lists name it (directly, or as a part of a
/// composite such as <c>xfs-y += libxfs/xfs_alloc.o</c>), and that directory must be reachable from the top-level
/// Kbuild through <c>obj-y</c> (built in) or <c>obj-m</c> (modules only) subdirectory entries. Objects named by no
/// nearby directory (parts like <c>../../../virt/kvm/kvm_main.o</c>) are found by walking every reachable directory
/// once. Directory evaluations are cached in memory and, given a cache directory, on disk
/// (<see cref="KbuildMembershipCache"/>).
/// </summary>
public sealed class KbuildMembership
{
    private readonly KbuildMakefileReader _reader;
    private readonly Lazy<KbuildArch> _arch;
    private readonly ConcurrentDictionary<string, KbuildDirectory> _dirs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Reach> _reach = new(StringComparer.Ordinal);
    private readonly string? _cachePath;
    private Dictionary<string, ObjectTarget>? _everything;
    private bool _complete;
    private int _saved;

    /// <param name="tree">A prepared tree (has include/config/auto.conf).</param>
    /// <param name="runner">Runs make.</param>
    /// <param name="cacheDir">Where to keep evaluated directories between runs (the config directory); null for none.</param>
    public KbuildMembership(string tree, IProcessRunner runner, string? cacheDir = null)
    {
        _reader = new KbuildMakefileReader(Path.GetFullPath(tree), runner);
        KbuildArch? cachedArch = null;
        if (cacheDir is not null)
        {
            _cachePath = KbuildMembershipCache.PathFor(cacheDir, _reader.Tree);
            var cached = KbuildMembershipCache.Read(_cachePath);
            if (cached.Arch is not null)
            {
                cachedArch = cached.Arch;
                foreach (var (dir, d) in cached.Directories) _dirs[dir] = d;
                _complete = cached.Complete;
                _saved = _dirs.Count;
            }
        }
        _arch = new Lazy<KbuildArch>(() => cachedArch ?? _reader.ReadArch());
    }

    public string Tree => _reader.Tree;
    public KbuildArch Arch => _arch.Value;

    /// <summary>How many directories have been evaluated so far.</summary>
    public int DirectoriesEvaluated => _dirs.Count;

    public ObjectTarget Of(string objectPath)
    {
        var obj = Normalize(objectPath);
        if (!obj.EndsWith(".o", StringComparison.Ordinal))
            throw new ArgumentException($"not an object path: {objectPath}", nameof(objectPath));
        for (var dir = Parent(obj); dir is not null; dir = Parent(dir))
        {
            if (TryFind(Directory(dir), obj) is { } found) return found;
        }
        var result = Everything().TryGetValue(obj, out var target)
            ? target
            : ObjectTarget.NotBuilt(obj, "no kbuild Makefile lists it for this configuration");
        SaveCache();
        return result;
    }

    public IReadOnlyDictionary<string, ObjectTarget> Of(IEnumerable<string> objectPaths)
    {
        var list = objectPaths.Select(Normalize).Distinct().ToList();
        // Evaluate the directories involved in parallel first; the lookups are then cache hits.
        var dirs = list.SelectMany(Ancestors).Distinct().ToList();
        Parallel.ForEach(dirs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, d => Directory(d));
        var result = list.ToDictionary(o => o, Of, StringComparer.Ordinal);
        SaveCache();
        return result;
    }

    /// <summary>Writes the disk cache when directories were evaluated since it was read (no-op without a cache directory).</summary>
    public void SaveCache()
    {
        if (_cachePath is null || (_dirs.Count == _saved && !_completeUnsaved)) return;
        KbuildMembershipCache.Write(_cachePath, Arch, _dirs.Values, _complete);
        _saved = _dirs.Count;
        _completeUnsaved = false;
    }

    private bool _completeUnsaved;

    /// <summary>Every module the configuration builds (tree-relative <c>.ko</c> paths), from a walk of all reachable directories.</summary>
    public IReadOnlySet<string> AllModules() =>
        Everything().Values.Where(t => t.Kind == ObjectTargetKind.Module).Select(t => t.ModulePath!).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every object the configuration builds, with its target, from a walk of all reachable directories.</summary>
    public IReadOnlyDictionary<string, ObjectTarget> AllObjects() => Everything();

    private ObjectTarget? TryFind(KbuildDirectory d, string obj)
    {
        var rel = Relative(d.Dir, obj);
        if (d.BuiltinObjects.Contains(rel) && d.PartsOf(rel) is null)
            return Builtin(d, obj, $"obj-y in {Describe(d.Dir)}");
        if (d.LibY.Contains(rel))
            return Builtin(d, obj, $"lib-y in {Describe(d.Dir)}");
        if (d.Modules.Contains(rel) && d.PartsOf(rel) is null)
            return Modular(d, obj, Join(d.Dir, rel[..^2] + ".ko"), $"obj-m in {Describe(d.Dir)}");
        foreach (var c in d.BuiltinObjects)
            if (d.PartsOf(c) is { } parts && parts.For(module: false).Any(p => Join(d.Dir, p) == obj))
                return Builtin(d, obj, $"part of built-in {Join(d.Dir, c)}");
        foreach (var c in d.Modules)
            if (d.PartsOf(c) is { } parts && parts.For(module: true).Any(p => Join(d.Dir, p) == obj))
                return Modular(d, obj, Join(d.Dir, c[..^2] + ".ko"), $"part of module {Join(d.Dir, c[..^2] + ".ko")}");
        return null;
    }

    private ObjectTarget Builtin(KbuildDirectory d, string obj, string why) => ReachOf(d.Dir) switch
    {
        Reach.Builtin => ObjectTarget.Vmlinux(obj, why),
        Reach.ModulesOnly => ObjectTarget.NotBuilt(obj, $"{why}, but {Describe(d.Dir)} is only descended into for modules"),
        _ => ObjectTarget.NotBuilt(obj, $"{why}, but {Describe(d.Dir)} is not built by this configuration"),
    };

    private ObjectTarget Modular(KbuildDirectory d, string obj, string ko, string why) => ReachOf(d.Dir) switch
    {
        Reach.NotReached => ObjectTarget.NotBuilt(obj, $"{why}, but {Describe(d.Dir)} is not built by this configuration"),
        _ => ObjectTarget.Module(obj, ko, why),
    };

    private enum Reach { NotReached, ModulesOnly, Builtin }

    private Reach ReachOf(string dir)
    {
        if (dir == ".") return Reach.Builtin;
        if (_reach.TryGetValue(dir, out var known)) return known;
        var result = Reach.NotReached;
        for (var e = Parent(dir); e is not null; e = Parent(e))
        {
            var d = Directory(e);
            var rel = Relative(e, dir);
            if (d.BuiltinSubdirs.Contains(rel)) { result = ReachOf(e); break; }
            if (d.ModularSubdirs.Contains(rel)) { result = ReachOf(e) == Reach.NotReached ? Reach.NotReached : Reach.ModulesOnly; break; }
        }
        return _reach[dir] = result;
    }

    private KbuildDirectory Directory(string dir) => _dirs.GetOrAdd(dir, d => _reader.ReadDirectory(d, Arch));

    private Dictionary<string, ObjectTarget> Everything()
    {
        if (_everything is not null) return _everything;
        var all = new Dictionary<string, ObjectTarget>(StringComparer.Ordinal);
        var level = new List<string> { "." };
        var seen = new HashSet<string>(StringComparer.Ordinal) { "." };
        while (level.Count > 0)
        {
            Parallel.ForEach(level, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, d => Directory(d));
            var next = new List<string>();
            foreach (var dir in level)
            {
                var d = Directory(dir);
                foreach (var obj in d.BuiltinObjects.Concat(d.Modules).Concat(d.LibY).SelectMany(e => Expand(d, e)))
                    all.TryAdd(obj, TryFind(d, obj) ?? ObjectTarget.NotBuilt(obj, "unresolved"));
                foreach (var sub in d.BuiltinSubdirs.Concat(d.ModularSubdirs).Select(s => Join(dir, s)))
                    if (seen.Add(sub)) next.Add(sub);
            }
            level = next;
        }
        if (!_complete) _complete = _completeUnsaved = true;
        _everything = all;
        SaveCache();
        return all;
    }

    private static IEnumerable<string> Expand(KbuildDirectory d, string entry)
    {
        var parts = d.PartsOf(entry);
        if (parts is null) return [Join(d.Dir, entry)];
        return parts.For(module: d.Modules.Contains(entry)).Select(p => Join(d.Dir, p));
    }

    private static IEnumerable<string> Ancestors(string obj)
    {
        for (var dir = Parent(obj); dir is not null; dir = Parent(dir)) yield return dir;
    }

    private static string Describe(string dir) => dir == "." ? "the top-level Kbuild" : dir + "/";

    private static string? Parent(string path)
    {
        if (path == ".") return null;
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "." : path[..slash];
    }

    private static string Join(string dir, string rel) => Normalize(dir == "." ? rel : dir + "/" + rel);

    private static string Relative(string dir, string path) => dir == "." ? path : path.StartsWith(dir + "/", StringComparison.Ordinal) ? path[(dir.Length + 1)..] : Path.GetRelativePath(dir, path);

    /// <summary>Tree-relative path without <c>./</c>, <c>..</c> or doubled slashes.</summary>
    public static string Normalize(string path)
    {
        var stack = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == ".." && stack.Count > 0 && stack[^1] != "..") stack.RemoveAt(stack.Count - 1);
            else stack.Add(part);
        }
        return stack.Count == 0 ? "." : string.Join('/', stack);
    }
}
