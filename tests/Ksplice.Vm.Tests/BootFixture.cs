using Ksplice.Vm;

namespace Ksplice.Vm.Tests;

/// <summary>
/// Boots the guest once for a test class: an initramfs with the core module, every fixture module and
/// the class's cases file, a scenario that runs the listed cases in order. Tests then read their case.
/// </summary>
public abstract class BootFixture : IDisposable
{
    private readonly string _work;

    protected BootFixture(string casesFile, IEnumerable<string> cases, QemuOptions? options = null,
        Action<Initramfs>? customize = null)
    {
        _work = Directory.CreateTempSubdirectory("ksplice-vm-").FullName;
        var modules = VmEnvironment.Modules;
        var initramfs = new Initramfs(VmEnvironment.Kernel, VmEnvironment.Repository);
        initramfs.AddFile(modules.CoreModule, $"{Initramfs.TestDirectory}/ksplice_core.ko");
        foreach (var fixture in modules.Fixtures)
            initramfs.AddFile(fixture, $"{Initramfs.TestDirectory}/{Path.GetFileName(fixture)}");
        var casesPath = $"{Initramfs.TestDirectory}/cases/{casesFile}";
        initramfs.AddFile(Path.Combine(VmEnvironment.Repository.VmTests, "cases", casesFile), casesPath);
        customize?.Invoke(initramfs);

        var scenario = new Scenario().Source(casesPath);
        foreach (var name in cases) scenario.Case(name);
        initramfs.SetScenario(scenario);

        var initrd = Path.Combine(_work, "initrd.gz");
        initramfs.Build(initrd);
        Result = new QemuGuest(VmEnvironment.Kernel) { Options = options ?? new QemuOptions() }.Boot(initrd);
    }

    public GuestResult Result { get; }

    public void Dispose()
    {
        Directory.Delete(_work, recursive: true);
        GC.SuppressFinalize(this);
    }
}
