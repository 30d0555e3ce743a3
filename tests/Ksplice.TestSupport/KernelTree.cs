using System.Diagnostics;
using Ksplice.Source.Config;
using Ksplice.Source.Kbuild;
using Ksplice.Source.Kernel;
using Ksplice.Source.Process;
using Ksplice.Source.Toolchain;
using Ksplice.Source.Trees;

namespace Ksplice.TestSupport;

/// <summary>
/// The real Debian kernel tree for tests: <c>/usr/src/linux-source-*.tar.xz</c> extracted into a cache directory
/// (<c>$KSPLICE_TEST_CACHE</c>, default <c>/var/tmp/ksplice-test</c>) and prepared once per machine with the
/// installed headers' configuration. A file lock makes concurrent test assemblies wait for the one that prepares;
/// later runs find the stamps and reuse the tree. Missing packages are a loud failure, never a skip.
/// </summary>
public sealed class KernelTree
{
    private static readonly Lazy<KernelTree> LazyShared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private KernelTree(string cacheDir, SourceTree source, ConfigDir config, HeadersDir headers, KbuildDriver kbuild, PrepareResult prepare)
    {
        CacheDir = cacheDir;
        Source = source;
        Config = config;
        Headers = headers;
        Kbuild = kbuild;
        Prepare = prepare;
    }

    /// <summary>The tree of this test run (created or reused on first use).</summary>
    public static KernelTree Shared => LazyShared.Value;

    public string CacheDir { get; }
    public SourceTree Source { get; }
    public ConfigDir Config { get; }
    public HeadersDir Headers { get; }
    public KbuildDriver Kbuild { get; }
    public PrepareResult Prepare { get; }

    public string TreePath => Source.Path;
    public string ConfigDirPath => Config.Path;
    public string HeadersPath => Headers.Path;
    public KbuildOptions Options => Kbuild.Options;

    public static string DefaultCacheDir =>
        Environment.GetEnvironmentVariable("KSPLICE_TEST_CACHE") is { Length: > 0 } dir ? dir : "/var/tmp/ksplice-test";

    /// <summary>The linux-source tarball, found in /usr/src.</summary>
    public static string FindTarball()
    {
        var found = Directory.Exists("/usr/src") ? Directory.GetFiles("/usr/src", "linux-source-*.tar.xz") : [];
        return found.Length == 1
            ? found[0]
            : throw new InvalidOperationException($"expected one /usr/src/linux-source-*.tar.xz, found {found.Length}: install linux-source-6.1 (./run setup)");
    }

    /// <summary>A scratch directory under the cache, emptied first.</summary>
    public string Scratch(string name)
    {
        var dir = Path.Combine(CacheDir, "scratch", name);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static KernelTree Create()
    {
        var cache = DefaultCacheDir;
        Directory.CreateDirectory(cache);
        var runner = new ProcessRunner();
        var tarball = FindTarball();
        var treeName = Path.GetFileName(tarball)[..^".tar.xz".Length];
        var treePath = Path.Combine(cache, treeName);
        using (FileLock.Acquire(Path.Combine(cache, ".lock"), TimeSpan.FromMinutes(30)))
        {
            var stampPath = Path.Combine(cache, treeName + ".extracted");
            var info = new FileInfo(tarball);
            var stamp = $"{tarball} {info.Length} {info.LastWriteTimeUtc:O}";
            if (!File.Exists(stampPath) || File.ReadAllText(stampPath) != stamp || !Directory.Exists(treePath))
            {
                if (Directory.Exists(treePath)) Directory.Delete(treePath, recursive: true);
                runner.RunChecked(new ProcessSpec("tar", ["-xf", tarball, "-C", cache]), "extracting the kernel source");
                if (!Directory.Exists(treePath))
                    throw new InvalidOperationException($"{tarball} did not extract to {treePath}");
                File.WriteAllText(stampPath, stamp);
            }

            var release = PickRelease();
            var configDir = ConfigDir.DefaultPath(treePath);
            Directory.CreateDirectory(configDir);
            var configPath = Path.Combine(configDir, ".config");
            if (!File.Exists(configPath) || File.ReadAllText(configPath) != File.ReadAllText(release.Headers.ConfigPath))
                File.Copy(release.Headers.ConfigPath, configPath, overwrite: true);
            var config = ConfigDir.Open(configDir);
            var compiler = CompilerCheck.Check(runner, config.Config);
            var kbuild = new KbuildDriver(runner, KbuildOptions.For(compiler, release.Headers, JobCount.Resolve()));
            var source = SourceTree.Open(treePath);
            var prepare = source.Prepare(config, release.Headers.ModuleSymversPath, kbuild);
            return new KernelTree(cache, source, config, release.Headers, kbuild, prepare);
        }
    }

    /// <summary>The installed release whose headers belong to the linux-source version (the only one, normally).</summary>
    private static KernelRelease PickRelease()
    {
        var installed = KernelRelease.FindInstalled();
        if (installed.Count == 0)
            throw new InvalidOperationException("no kernel headers installed: install linux-headers-<release> (./run setup)");
        return installed.Count == 1 ? installed[0] : installed[^1];
    }

    /// <summary>Times an action, for the measurements tests report.</summary>
    public static TimeSpan Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed;
    }
}
