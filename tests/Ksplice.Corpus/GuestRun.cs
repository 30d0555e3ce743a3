using Ksplice.Vm;

namespace Ksplice.Corpus;

/// <summary>
/// One boot of the Debian kernel with the ksplice binary, the core installed on the host, a set of update tarballs (each in
/// /ksplice-test/updates/NAME/ with its check and setup scripts), the modules their targets need, and shell cases.
/// </summary>
public sealed class GuestRun
{
    private readonly Initramfs _initramfs;
    private readonly Scenario _scenario = new();

    public GuestRun()
    {
        _initramfs = new Initramfs(Kernel, Repository);
        _initramfs.AddDotnetExecutable(KspliceTool.Binary, "/usr/bin/ksplice");
        _initramfs.AddInstalledCore();
        foreach (var name in new[] { "ksplice-create", "ksplice-apply", "ksplice-undo", "ksplice-view" })
            _initramfs.AddSymlink($"/usr/bin/{name}", "/usr/bin/ksplice");
        _initramfs.AddFile(Path.Combine(AppContext.BaseDirectory, "guest", "corpus.sh"), $"{Initramfs.TestDirectory}/corpus.sh");
        _scenario.Source($"{Initramfs.TestDirectory}/corpus.sh");
    }

    public static GuestKernel Kernel { get; } = GuestKernel.Discover();
    public static RepositoryLayout Repository { get; } = RepositoryLayout.Find();

    /// <summary>Adds an update as /ksplice-test/updates/NAME/NAME.tar.gz, with optional check and setup scripts.</summary>
    public GuestRun AddUpdate(string name, string tarball, string? check = null, string? setup = null, IEnumerable<string>? modules = null)
    {
        var dir = $"{Initramfs.TestDirectory}/updates/{name}";
        _initramfs.AddFile(tarball, $"{dir}/{name}.tar.gz", 0x1A4);
        if (check is not null) _initramfs.AddFile(check, $"{dir}/check", 0x1ED);
        if (setup is not null) _initramfs.AddFile(setup, $"{dir}/setup", 0x1ED);
        foreach (var module in modules ?? []) _initramfs.AddKernelModule(module);
        return this;
    }

    public GuestRun AddFile(string hostPath, string guestPath)
    {
        _initramfs.AddFile(hostPath, guestPath);
        return this;
    }

    /// <summary>The guest kernel's modules: what <see cref="AddUpdate"/> can carry and what is built in.</summary>
    public ModuleIndex Modules => _initramfs.Modules;

    /// <summary>How many cases the boot will run.</summary>
    public int CaseCount => _scenario.CaseNames.Count;

    public GuestRun Case(string name, string body)
    {
        _scenario.Case(name, body);
        return this;
    }

    /// <summary>Both vCPUs on one host thread (<see cref="QemuOptions.SingleThreadedTcg"/>), for cases that loop on code ftrace rewrites.</summary>
    public bool SingleThreadedTcg { get; set; }

    public GuestResult Boot(TimeSpan timeout, string? extraAppend = null)
    {
        var work = Directory.CreateTempSubdirectory("ksplice-e2e-guest-").FullName;
        try
        {
            _initramfs.SetScenario(_scenario);
            var initrd = Path.Combine(work, "initrd.gz");
            _initramfs.Build(initrd);
            return new QemuGuest(Kernel) { Options = new QemuOptions { Timeout = timeout, ExtraAppend = extraAppend ?? "", SingleThreadedTcg = SingleThreadedTcg } }.Boot(initrd);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
