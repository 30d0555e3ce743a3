using Ksplice.Source.Kernel;

namespace Ksplice.Source.Config;

/// <summary>
/// ksplice-create's ORIG_CONFIG directory (default <c>KERNEL_SOURCE/ksplice</c>): the running kernel's
/// <c>.config</c> (required), its <c>System.map</c> (optional: Debian ships a stub) and an optional <c>build</c>
/// link to the headers directory of the running kernel.
/// </summary>
public sealed class ConfigDir
{
    public const string DefaultName = "ksplice";

    private ConfigDir(string path, KernelConfig config)
    {
        Path = path;
        Config = config;
    }

    public string Path { get; }
    public KernelConfig Config { get; }
    public string ConfigPath => System.IO.Path.Combine(Path, ".config");

    /// <summary><c>System.map</c> when present and more than a stub (Debian's is 83 bytes of text), else null.</summary>
    public string? SystemMapPath
    {
        get
        {
            var p = System.IO.Path.Combine(Path, "System.map");
            return File.Exists(p) && new FileInfo(p).Length > 1024 ? p : null;
        }
    }

    /// <summary>The <c>build</c> entry when it is a link or directory, else null.</summary>
    public string? BuildLinkPath
    {
        get
        {
            var p = System.IO.Path.Combine(Path, "build");
            return Directory.Exists(p) ? p : null;
        }
    }

    public static string DefaultPath(string kernelSource) => System.IO.Path.Combine(System.IO.Path.GetFullPath(kernelSource), DefaultName);

    /// <summary>Opens the directory; throws naming the path when it or its <c>.config</c> is missing.</summary>
    public static ConfigDir Open(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(path))
            throw new KspliceSourceException($"Failed to find the config directory {path}; create it and copy the running kernel's .config into it (e.g. cp /boot/config-$(uname -r) {path}/.config), or name another with --config.");
        var configPath = System.IO.Path.Combine(path, ".config");
        if (!File.Exists(configPath))
            throw new KspliceSourceException($"Failed to find {configPath}: the config directory needs the running kernel's .config (e.g. cp /boot/config-$(uname -r) {configPath}).");
        return new ConfigDir(path, KernelConfig.Read(configPath));
    }

    /// <summary>
    /// The headers of the kernel this configuration describes: the <c>build</c> link when present, otherwise the one
    /// installed headers directory whose <c>.config</c> describes the same kernel (<see cref="KernelConfig.SameKernelAs"/>).
    /// </summary>
    public HeadersDir ResolveHeaders(IReadOnlyList<KernelRelease>? installed = null)
    {
        if (BuildLinkPath is { } link) return HeadersDir.Open(KernelRelease.ResolveLinks(link));
        installed ??= KernelRelease.FindInstalled();
        var matching = installed.Where(r => r.Headers.Config.SameKernelAs(Config)).ToList();
        if (matching.Count == 1) return matching[0].Headers;
        if (matching.Count > 1)
            throw new KspliceSourceException($"{ConfigPath} matches the headers of several releases ({string.Join(", ", matching.Select(m => m.Release))}); link the right one as {System.IO.Path.Combine(Path, "build")}.");
        var tried = installed.Count == 0
            ? "no kernel headers are installed"
            : "installed: " + string.Join("; ", installed.Select(r =>
                $"{r.Release} differs in {Summarise(r.Headers.Config.Differences(Config))}"));
        throw new KspliceSourceException(
            $"No installed kernel headers match {ConfigPath} ({tried}). Install linux-headers-<release> of the running kernel, or link its headers directory as {System.IO.Path.Combine(Path, "build")}.");
    }

    private static string Summarise(IReadOnlyList<string> options) =>
        options.Count <= 3 ? string.Join(", ", options) : $"{string.Join(", ", options.Take(3))} and {options.Count - 3} more";
}
