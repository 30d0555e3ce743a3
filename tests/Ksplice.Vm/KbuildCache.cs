using Ksplice.Source.Process;

namespace Ksplice.Vm;

/// <summary>
/// Builds kernel modules with kbuild against the guest kernel's headers, once per distinct input: the
/// cache key covers the sources, the kernel release, the compiler's version and the symbols linked
/// against ($KSPLICE_TEST_CACHE, default /var/tmp/ksplice-test; see <see cref="BuildCache"/>).
/// </summary>
public sealed class KbuildCache
{
    private readonly IProcessRunner _runner;
    private readonly BuildCache _cache;
    private readonly Lazy<string> _compilerVersion;

    public KbuildCache(GuestKernel kernel, IProcessRunner? runner = null, string? root = null)
    {
        Kernel = kernel;
        _runner = runner ?? ProcessRunner.Default;
        _cache = new BuildCache(root);
        _compilerVersion = new Lazy<string>(() => _runner.Output(Compiler, "--version").Split('\n')[0]);
    }

    public string Root => _cache.Root;

    public GuestKernel Kernel { get; }

    /// <summary>The compiler the kernel was built with (e.g. gcc-12), which modules must be built with too.</summary>
    public string Compiler => Kernel.Compiler;

    /// <summary>
    /// Copies <paramref name="files"/> (relative path to host path) into a fresh directory, runs
    /// <c>make</c> with the arguments <paramref name="makeArguments"/> gives for that directory, and returns
    /// it; or returns the directory of an identical earlier build.
    /// </summary>
    public string Build(string name, IReadOnlyDictionary<string, string> files, Func<string, IReadOnlyList<string>> makeArguments,
        string? extraSymbols = null)
    {
        var ordered = files.OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        var key = BuildCache.Key(
            [name, Kernel.Release, _compilerVersion.Value, .. ordered.Select(f => f.Key)],
            [.. ordered.Select(f => f.Value), .. extraSymbols is null ? Array.Empty<string>() : [extraSymbols]]);
        return _cache.GetOrBuild(name, key, work =>
        {
            foreach (var (relative, host) in ordered)
            {
                var target = Path.Combine(work, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(host, target);
            }
            var args = new List<string>(makeArguments(work)) { $"CC={Compiler}", "-j2" };
            if (extraSymbols is not null) args.Add($"KBUILD_EXTRA_SYMBOLS={extraSymbols}");
            _runner.RunChecked(new ProcessSpec("make", args) { Timeout = TimeSpan.FromMinutes(10) }, $"building {name}");
        });
    }
}
