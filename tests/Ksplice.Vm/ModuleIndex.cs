namespace Ksplice.Vm;

/// <summary>The module index files of an installed kernel: modules.dep, modules.softdep, modules.alias, and what is built
/// in (modules.builtin, and the aliases in modules.builtin.modinfo).</summary>
public sealed class ModuleIndex
{
    private readonly Dictionary<string, List<string>> _aliases;
    private readonly Dictionary<string, List<string>> _softdeps;
    private readonly HashSet<string> _builtin;

    private ModuleIndex(string directory, Dictionary<string, ModuleInfo> modules, Dictionary<string, List<string>> aliases,
        Dictionary<string, List<string>> softdeps, HashSet<string> builtin)
    {
        Directory = directory;
        Modules = modules;
        _aliases = aliases;
        _softdeps = softdeps;
        _builtin = builtin;
    }

    /// <summary>/lib/modules/&lt;release&gt;.</summary>
    public string Directory { get; }

    /// <summary>By module name (dashes as underscores): its path and its transitive dependencies.</summary>
    internal IReadOnlyDictionary<string, ModuleInfo> Modules { get; }

    /// <summary>True when the kernel has a name (module name or alias) built in: loading it needs no file.</summary>
    public bool IsBuiltin(string name) => _builtin.Contains(Normalise(name)) || _builtin.Contains(name);

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

        // "kernel/fs/ext4/ext4.ko"; modules.builtin.modinfo holds NUL-terminated "ext4.alias=fs-ext4"
        var builtin = new HashSet<string>(StringComparer.Ordinal);
        foreach (var words in Lines(modulesDirectory, "modules.builtin")) builtin.UnionWith(words.Select(NameOf));
        var modinfo = Path.Combine(modulesDirectory, "modules.builtin.modinfo");
        if (File.Exists(modinfo))
        {
            foreach (var entry in File.ReadAllText(modinfo).Split('\0'))
            {
                var dot = entry.IndexOf('.', StringComparison.Ordinal);
                if (dot > 0 && entry.AsSpan(dot).StartsWith(".alias=", StringComparison.Ordinal)) builtin.Add(entry[(dot + ".alias=".Length)..]);
            }
        }
        return new ModuleIndex(modulesDirectory, modules, aliases, softdeps, builtin);
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
        var file = Path.GetFileName(path);
        var dot = file.IndexOf(".ko", StringComparison.Ordinal);
        return Normalise(dot > 0 ? file[..dot] : file);
    }

    private static string Normalise(string name) => name.Replace('-', '_');
}

/// <summary>A module file (relative to /lib/modules/&lt;release&gt;) and the files it depends on.</summary>
internal sealed record ModuleInfo(string Path, IReadOnlyList<string> Dependencies);
