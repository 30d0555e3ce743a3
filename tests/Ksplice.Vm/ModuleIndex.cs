namespace Ksplice.Vm;

/// <summary>The module index files of an installed kernel: modules.dep, modules.softdep, modules.alias.</summary>
internal sealed class ModuleIndex
{
    private readonly Dictionary<string, List<string>> _aliases;
    private readonly Dictionary<string, List<string>> _softdeps;

    private ModuleIndex(Dictionary<string, ModuleInfo> modules, Dictionary<string, List<string>> aliases,
        Dictionary<string, List<string>> softdeps)
    {
        Modules = modules;
        _aliases = aliases;
        _softdeps = softdeps;
    }

    /// <summary>By module name (dashes as underscores): its path and its transitive dependencies.</summary>
    public IReadOnlyDictionary<string, ModuleInfo> Modules { get; }

    /// <summary>The modules a name stands for: the module itself, or every module with that exact alias.</summary>
    public IReadOnlyList<string> Resolve(string name)
    {
        var normalised = Normalise(name);
        if (Modules.ContainsKey(normalised)) return [normalised];
        return _aliases.TryGetValue(name, out var providers) ? providers.Where(Modules.ContainsKey).ToList() : [];
    }

    /// <summary>The names in "softdep MODULE pre: A B post: C" lines (module names or aliases).</summary>
    public IReadOnlyList<string> SoftDependencies(string module) =>
        _softdeps.TryGetValue(module, out var names) ? names : [];

    public static ModuleIndex Read(string modulesDirectory)
    {
        // "kernel/fs/xfs/xfs.ko: kernel/lib/libcrc32c.ko" (dependencies already transitive)
        var modules = new Dictionary<string, ModuleInfo>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(modulesDirectory, "modules.dep")))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var path = line[..colon];
            modules[NameOf(path)] = new ModuleInfo(path, line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        // "alias crc32c crc32c_generic"; patterns with wildcards are of no use here
        var aliases = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var words in Lines(modulesDirectory, "modules.alias"))
        {
            if (words.Length == 3 && words[0] == "alias" && words[1].IndexOfAny(['*', '?', '[']) < 0)
                Add(aliases, words[1], Normalise(words[2]));
        }

        // "softdep libcrc32c pre: crc32c"
        var softdeps = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var words in Lines(modulesDirectory, "modules.softdep"))
        {
            if (words.Length < 3 || words[0] != "softdep") continue;
            foreach (var name in words.Skip(2).Where(w => !w.EndsWith(':')))
                Add(softdeps, Normalise(words[1]), name);
        }
        return new ModuleIndex(modules, aliases, softdeps);
    }

    private static IEnumerable<string[]> Lines(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        return File.Exists(path)
            ? File.ReadLines(path).Where(l => !l.StartsWith('#')).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            : [];
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        if (!list.Contains(value)) list.Add(value);
    }

    /// <summary>"kernel/arch/x86/crypto/crc32c-intel.ko" is module crc32c_intel.</summary>
    public static string NameOf(string path)
    {
        var file = System.IO.Path.GetFileName(path);
        var dot = file.IndexOf(".ko", StringComparison.Ordinal);
        return Normalise(dot > 0 ? file[..dot] : file);
    }

    private static string Normalise(string name) => name.Replace('-', '_');
}

/// <summary>A module file (relative to /lib/modules/&lt;release&gt;) and the files it depends on.</summary>
internal sealed record ModuleInfo(string Path, IReadOnlyList<string> Dependencies);
