using System.IO.Compression;
using System.Text;
using Ksplice.Source.Process;

namespace Ksplice.Vm;

/// <summary>
/// Builds the test initramfs: busybox-static with its applets as links, /init from tests/vm/init.sh
/// (mounts, kptr_restrict=0, runs /ksplice-test/scenario.sh with fd 3 on ttyS1, powers off), the
/// in-guest shell library, and whatever else a test adds: host files, executables with the shared
/// libraries ldd lists, kernel modules with their dependencies from modules.dep.
/// </summary>
public sealed class Initramfs
{
    /// <summary>The directory in the guest that holds the scenario, its library and test files.</summary>
    public const string TestDirectory = "/ksplice-test";

    private readonly SortedDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly GuestKernel _kernel;
    private readonly IProcessRunner _runner;
    private ModuleIndex? _modules;

    private abstract record Entry;
    private sealed record DirectoryEntry : Entry;
    private sealed record HostFileEntry(string HostPath, int Permissions) : Entry;
    private sealed record BytesEntry(byte[] Data, int Permissions) : Entry;
    private sealed record SymlinkEntry(string Target) : Entry;

    public Initramfs(GuestKernel kernel, RepositoryLayout repository, IProcessRunner? runner = null,
        string busybox = "/bin/busybox")
    {
        _kernel = kernel;
        _runner = runner ?? ProcessRunner.Default;
        foreach (var dir in new[] { "bin", "sbin", "usr/bin", "usr/sbin", "dev", "proc", "sys", "tmp", "etc", "lib" })
            AddDirectory(dir);
        AddFile(busybox, "/bin/busybox", 0x1ED);
        foreach (var applet in _runner.Output(busybox, "--list-full").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (applet.Trim() != "bin/busybox") AddSymlink("/" + applet.Trim(), "/bin/busybox");
        }
        AddFile(Path.Combine(repository.VmTests, "init.sh"), "/init", 0x1ED);
        AddFile(Path.Combine(repository.VmTests, "lib.sh"), $"{TestDirectory}/lib.sh", 0x1A4);
    }

    public IEnumerable<string> Paths => _entries.Keys.Select(k => "/" + k);

    public Initramfs AddDirectory(string guestPath)
    {
        var key = Key(guestPath);
        for (var parent = Path.GetDirectoryName(key); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
            _entries.TryAdd(parent, new DirectoryEntry());
        _entries[key] = new DirectoryEntry();
        return this;
    }

    /// <summary>Adds a host file; without <paramref name="permissions"/> it keeps the host file's mode.</summary>
    public Initramfs AddFile(string hostPath, string guestPath, int? permissions = null)
    {
        if (!File.Exists(hostPath)) throw new FileNotFoundException($"Initramfs: no file {hostPath}", hostPath);
        return Add(guestPath, new HostFileEntry(hostPath, permissions ?? (int)File.GetUnixFileMode(hostPath)));
    }

    public Initramfs AddText(string guestPath, string content, bool executable = false) =>
        Add(guestPath, new BytesEntry(Encoding.UTF8.GetBytes(content), executable ? 0x1ED : 0x1A4));

    public Initramfs AddSymlink(string guestPath, string target) => Add(guestPath, new SymlinkEntry(target));

    /// <summary>Adds an executable and every shared library <c>ldd</c> lists for it, at their host paths.</summary>
    public Initramfs AddExecutable(string hostPath, string guestPath)
    {
        AddFile(hostPath, guestPath, 0x1ED);
        var ldd = _runner.Run(ProcessSpec.Of("ldd", hostPath));
        if (!ldd.Succeeded) return this; // "not a dynamic executable"
        foreach (var line in ldd.StandardOutput.Split('\n'))
        {
            // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)"
            var words = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var library = words.Length >= 3 && words[1] == "=>" ? words[2] : words.Length >= 1 && words[0].StartsWith('/') ? words[0] : null;
            if (library is not null && File.Exists(library)) AddFile(library, library, 0x1ED);
        }
        return this;
    }

    /// <summary>
    /// Adds a .NET executable (the ksplice binary, NativeAOT): its ldd libraries and the OpenSSL libraries .NET opens
    /// at run time for hashing (System.Security.Cryptography), which ldd cannot see.
    /// </summary>
    public Initramfs AddDotnetExecutable(string hostPath, string guestPath)
    {
        AddExecutable(hostPath, guestPath);
        foreach (var library in DotnetRuntimeLibraries)
        {
            var found = LibraryDirectories.Select(d => Path.Combine(d, library)).FirstOrDefault(File.Exists)
                ?? throw new FileNotFoundException($"{library} is not installed (apt-get install libssl3); the ksplice binary needs it for SHA-256", library);
            AddFile(found, found, 0x1ED);
        }
        return this;
    }

    /// <summary>
    /// Adds the core module installed on the host for the guest's release (<c>/lib/modules/RELEASE/extra/ksplice_core.ko</c>,
    /// put there by ./run setup) at the same path in the guest: the only core ksplice-apply loads.
    /// </summary>
    public Initramfs AddInstalledCore()
    {
        var path = InstalledCorePath(_kernel.Release);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} is not installed: ./run setup builds kmod/ for {_kernel.Release} and installs it there", path);
        return AddFile(path, path, 0x1A4);
    }

    /// <summary>Where ./run setup installs the core for <paramref name="release"/> (Ksplice.Apply's InstalledCore).</summary>
    public static string InstalledCorePath(string release) => $"/lib/modules/{release}/extra/ksplice_core.ko";

    /// <summary>Libraries .NET loads with dlopen: OpenSSL 3 (Debian 12's libssl3).</summary>
    public static readonly IReadOnlyList<string> DotnetRuntimeLibraries = ["libssl.so.3", "libcrypto.so.3"];

    private static readonly string[] LibraryDirectories = ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu"];

    /// <summary>The guest kernel's module index.</summary>
    public ModuleIndex Modules => _modules ??= ModuleIndex.Read(_kernel.ModulesDirectory);

    /// <summary>
    /// Adds a module of the guest kernel (by name or alias, e.g. "xfs") with what it needs: its
    /// dependencies from modules.dep and, since busybox modprobe ignores them but the module may ask
    /// for them at init (libcrc32c needs a crc32c provider), its soft dependencies from modules.softdep,
    /// resolved through modules.alias. The modules.* index files come along so modprobe works in the guest.
    /// A module built into the kernel needs nothing.
    /// </summary>
    public Initramfs AddKernelModule(string name)
    {
        var index = Modules;
        var wanted = index.Resolve(name);
        if (wanted.Count == 0 && index.IsBuiltin(name)) return this;
        if (wanted.Count == 0)
            throw new ArgumentException($"No module or alias '{name}' in {_kernel.ModulesDirectory}/modules.dep, and none built in (modules.builtin)", nameof(name));
        var guestRoot = $"/lib/modules/{_kernel.Release}";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(wanted);
        while (queue.TryDequeue(out var module))
        {
            if (!seen.Add(module)) continue;
            var info = index.Modules[module];
            AddFile(Path.Combine(_kernel.ModulesDirectory, info.Path), $"{guestRoot}/{info.Path}", 0x1A4);
            foreach (var dependency in info.Dependencies) queue.Enqueue(ModuleIndex.NameOf(dependency));
            foreach (var soft in index.SoftDependencies(module))
                foreach (var provider in index.Resolve(soft)) queue.Enqueue(provider);
        }
        foreach (var file in new[] { "modules.dep", "modules.alias", "modules.symbols", "modules.builtin",
                     "modules.order", "modules.softdep", "modules.builtin.modinfo" })
        {
            var host = Path.Combine(_kernel.ModulesDirectory, file);
            if (File.Exists(host)) AddFile(host, $"{guestRoot}/{file}", 0x1A4);
        }
        return this;
    }

    /// <summary>The scenario script the guest runs (see <see cref="Scenario"/>).</summary>
    public Initramfs SetScenario(Scenario scenario) =>
        AddText($"{TestDirectory}/scenario.sh", scenario.ToScript(), executable: true);

    /// <summary>Writes the gzip-compressed newc archive.</summary>
    public void Build(string outputPath)
    {
        using var file = File.Create(outputPath);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        var cpio = new CpioWriter(gzip);
        foreach (var (path, entry) in _entries)
        {
            switch (entry)
            {
                case DirectoryEntry: cpio.AddDirectory(path); break;
                case HostFileEntry f: cpio.AddFile(path, File.ReadAllBytes(f.HostPath), f.Permissions & 0xFFF); break;
                case BytesEntry b: cpio.AddFile(path, b.Data, b.Permissions); break;
                case SymlinkEntry s: cpio.AddSymlink(path, s.Target); break;
            }
        }
        cpio.Finish();
    }

    private Initramfs Add(string guestPath, Entry entry)
    {
        var key = Key(guestPath);
        var parent = Path.GetDirectoryName(key);
        if (!string.IsNullOrEmpty(parent)) AddDirectory(parent);
        _entries[key] = entry;
        return this;
    }

    private static string Key(string guestPath)
    {
        var key = guestPath.Trim('/');
        return key.Length > 0 && key.Split('/').All(p => p is not ("" or "." or ".."))
            ? key : throw new ArgumentException($"Bad guest path '{guestPath}'", nameof(guestPath));
    }
}
