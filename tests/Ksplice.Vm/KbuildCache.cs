using System.Security.Cryptography;
using System.Text;
using Ksplice.Source.Process;

namespace Ksplice.Vm;

/// <summary>
/// Builds kernel modules with kbuild against the guest kernel's headers, once: each build lives in a
/// directory of the cache ($KSPLICE_TEST_CACHE, default /var/tmp/ksplice-test) named by a hash of its
/// sources, the kernel release, the compiler's version and the symbols it links against. A file
/// lock serialises builders across test processes.
/// </summary>
public sealed class KbuildCache
{
    private readonly GuestKernel _kernel;
    private readonly IProcessRunner _runner;
    private readonly Lazy<string> _compilerVersion;

    public KbuildCache(GuestKernel kernel, IProcessRunner? runner = null, string? root = null)
    {
        _kernel = kernel;
        _runner = runner ?? ProcessRunner.Default;
        Root = root ?? NonEmpty(Environment.GetEnvironmentVariable("KSPLICE_TEST_CACHE")) ?? "/var/tmp/ksplice-test";
        _compilerVersion = new Lazy<string>(() => _runner.Output(Compiler, "--version").Split('\n')[0]);
    }

    public string Root { get; }

    /// <summary>The compiler the kernel was built with (e.g. gcc-12), which modules must be built with too.</summary>
    public string Compiler => _kernel.Compiler;

    public GuestKernel Kernel => _kernel;

    /// <summary>
    /// Copies <paramref name="files"/> (relative path to host path) into a fresh directory, runs
    /// <c>make</c> with the arguments <paramref name="makeArguments"/> gives for that directory, and returns
    /// it; or returns the directory of an identical earlier build.
    /// </summary>
    public string Build(string name, IReadOnlyDictionary<string, string> files, Func<string, IReadOnlyList<string>> makeArguments,
        string? extraSymbols = null)
    {
        var key = Key(name, files, extraSymbols);
        var final = Path.Combine(Root, $"{name}-{key}");
        var stamp = Path.Combine(final, ".ksplice-built");
        if (File.Exists(stamp)) return final;

        Directory.CreateDirectory(Root);
        using var _ = AcquireLock(Path.Combine(Root, $"{name}-{key}.lock"));
        if (File.Exists(stamp)) return final;

        var work = final + ".tmp";
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
        foreach (var (relative, host) in files)
        {
            var target = Path.Combine(work, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(host, target);
        }
        var args = new List<string>(makeArguments(work)) { $"CC={Compiler}", "-j2" };
        if (extraSymbols is not null) args.Add($"KBUILD_EXTRA_SYMBOLS={extraSymbols}");
        _runner.RunChecked(new ProcessSpec("make", args) { Timeout = TimeSpan.FromMinutes(10) }, $"building {name}");
        Directory.Move(work, final);
        File.WriteAllText(stamp, $"{name} {_kernel.Release} {_compilerVersion.Value}\n");
        return final;
    }

    private string Key(string name, IReadOnlyDictionary<string, string> files, string? extraSymbols)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
        Add(name);
        Add(_kernel.Release);
        Add(_compilerVersion.Value);
        foreach (var (relative, host) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            Add(relative);
            hash.AppendData(File.ReadAllBytes(host));
        }
        if (extraSymbols is not null) hash.AppendData(File.ReadAllBytes(extraSymbols));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(15);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(250);
            }
        }
    }

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
