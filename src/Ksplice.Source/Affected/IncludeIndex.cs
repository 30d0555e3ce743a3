using System.Collections.Concurrent;
using Ksplice.Source.Kbuild;

namespace Ksplice.Source.Affected;

/// <summary>
/// The #include lines of every .c, .h and .S file of a tree, and the reverse question: which files include a given
/// one. Resolution follows kbuild's compiler: quoted names relative to the including file's directory first, then
/// the system roots (<see cref="IncludePaths.SystemRoots"/>) for both forms. Directories added with a Makefile's own
/// <c>-I</c> are covered by an over-approximation: a quoted name that is a path suffix of the header counts when the
/// including file is in the same subsystem (its first two path components). The pre build's dependency lists then
/// confirm the result precisely (<see cref="AffectedObjectSet.Confirm"/>).
/// </summary>
public sealed class IncludeIndex
{
    private readonly IReadOnlyDictionary<string, IncludeIndexEntry> _files;
    private readonly IReadOnlyList<string> _roots;
    private readonly Lazy<Reverse> _reverse;

    private IncludeIndex(IReadOnlyDictionary<string, IncludeIndexEntry> files, string srcArch, int rescanned)
    {
        _files = files;
        _roots = IncludePaths.SystemRoots(srcArch);
        Rescanned = rescanned;
        _reverse = new Lazy<Reverse>(BuildReverse);
    }

    public int FileCount => _files.Count;

    /// <summary>Files read (not taken from the cache) when the index was loaded.</summary>
    public int Rescanned { get; }

    public IReadOnlyList<IncludeDirective> IncludesOf(string file) => _files.TryGetValue(file, out var e) ? e.Includes : [];

    /// <summary>
    /// Indexes the tree, reusing <paramref name="cachePath"/> entries whose modification time and size are unchanged,
    /// and rewrites the cache when anything was read. Top-level directories in <paramref name="excludedTopDirs"/>
    /// (the config directory) and <see cref="IncludePaths.NotIndexed"/> are skipped.
    /// </summary>
    public static IncludeIndex Load(string tree, string srcArch, string? cachePath, IEnumerable<string>? excludedTopDirs = null)
    {
        tree = Path.GetFullPath(tree);
        var cached = cachePath is null ? [] : IncludeIndexCache.Read(cachePath);
        var skip = IncludePaths.NotIndexed.Concat(excludedTopDirs ?? []).ToHashSet(StringComparer.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var files = Directory.EnumerateDirectories(tree).Where(d => !skip.Contains(Path.GetFileName(d)))
            .SelectMany(d => new DirectoryInfo(d).EnumerateFiles("*", options))
            .Concat(new DirectoryInfo(tree).EnumerateFiles())
            .Where(f => IncludePaths.IndexedSuffixes.Any(s => f.Name.EndsWith(s, StringComparison.Ordinal)))
            .ToList();
        var result = new ConcurrentDictionary<string, IncludeIndexEntry>(StringComparer.Ordinal);
        var rescanned = 0;
        Parallel.ForEach(files, f =>
        {
            var rel = Path.GetRelativePath(tree, f.FullName);
            var mtime = f.LastWriteTimeUtc.Ticks;
            if (cached.TryGetValue(rel, out var e) && e.MTimeTicks == mtime && e.Size == f.Length) { result[rel] = e; return; }
            result[rel] = new IncludeIndexEntry(mtime, f.Length, IncludeScanner.Scan(f.FullName));
            Interlocked.Increment(ref rescanned);
        });
        if (cachePath is not null && (rescanned > 0 || cached.Count != result.Count))
            IncludeIndexCache.Write(cachePath, result);
        return new IncludeIndex(new Dictionary<string, IncludeIndexEntry>(result, StringComparer.Ordinal), srcArch, rescanned);
    }

    /// <summary>The indexed files whose #include lines may name <paramref name="file"/> (tree-relative).</summary>
    public IReadOnlySet<string> Includers(string file)
    {
        var r = _reverse.Value;
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (r.ByResolvedPath.TryGetValue(file, out var direct)) found.UnionWith(direct);
        foreach (var root in _roots)
        {
            if (!file.StartsWith(root, StringComparison.Ordinal)) continue;
            var key = file[root.Length..];
            if (r.BySystemKey.TryGetValue(key, out var bySystem))
                foreach (var (includer, angle) in bySystem)
                    if (angle || !_files.ContainsKey(RelativeTo(includer, key))) found.Add(includer);
        }
        if (r.ByBaseName.TryGetValue(Path.GetFileName(file), out var byName))
            foreach (var (includer, argument) in byName)
                if (IsPathSuffix(file, argument) && SameSubsystem(includer, file) && !_files.ContainsKey(RelativeTo(includer, argument)))
                    found.Add(includer);
        found.Remove(file);
        return found;
    }

    /// <summary><paramref name="file"/> and every file that includes it, directly or through other files.</summary>
    public IReadOnlySet<string> IncludeClosure(string file)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { file };
        var queue = new Queue<string>([file]);
        while (queue.Count > 0)
            foreach (var includer in Includers(queue.Dequeue()))
                if (seen.Add(includer)) queue.Enqueue(includer);
        return seen;
    }

    /// <summary>The .c and .S files in <see cref="IncludeClosure"/> other than <paramref name="file"/> itself.</summary>
    public IReadOnlySet<string> SourcesIncluding(string file) =>
        IncludeClosure(file).Where(f => f != file && (f.EndsWith(".c", StringComparison.Ordinal) || f.EndsWith(".S", StringComparison.Ordinal)))
            .ToHashSet(StringComparer.Ordinal);

    private sealed record Reverse(
        Dictionary<string, List<string>> ByResolvedPath,
        Dictionary<string, List<(string Includer, bool Angle)>> BySystemKey,
        Dictionary<string, List<(string Includer, string Argument)>> ByBaseName);

    private Reverse BuildReverse()
    {
        var byPath = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var byKey = new Dictionary<string, List<(string, bool)>>(StringComparer.Ordinal);
        var byName = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        foreach (var (file, entry) in _files)
        {
            foreach (var inc in entry.Includes)
            {
                var key = KbuildMembership.Normalize(inc.Argument);
                Add(byKey, key, (file, inc.Angle));
                if (inc.Angle) continue;
                Add(byPath, RelativeTo(file, inc.Argument), file);
                Add(byName, Path.GetFileName(inc.Argument), (file, inc.Argument));
            }
        }
        return new Reverse(byPath, byKey, byName);

        static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
        {
            if (!map.TryGetValue(key, out var list)) map[key] = list = [];
            list.Add(value);
        }
    }

    private static string RelativeTo(string includer, string argument)
    {
        var dir = Path.GetDirectoryName(includer) ?? "";
        return KbuildMembership.Normalize(dir.Length == 0 ? argument : dir + "/" + argument);
    }

    private static bool IsPathSuffix(string file, string argument)
    {
        var arg = KbuildMembership.Normalize(argument);
        return !arg.StartsWith("..", StringComparison.Ordinal) && (file == arg || file.EndsWith("/" + arg, StringComparison.Ordinal));
    }

    private static bool SameSubsystem(string a, string b)
    {
        static string Prefix(string p) => string.Join('/', p.Split('/').Take(2));
        return Prefix(a) == Prefix(b);
    }
}
