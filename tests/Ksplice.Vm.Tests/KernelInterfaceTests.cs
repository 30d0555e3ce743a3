using Xunit;

namespace Ksplice.Vm.Tests;

public sealed class KernelInterfaceBoot() : BootFixture("kernel_api.sh", Cases,
    new QemuOptions { Timeout = TimeSpan.FromMinutes(12) }, // a .NET program under TCG, a dozen runs
    customize: i => i.AddExecutable(VmEnvironment.Driver, $"{Initramfs.TestDirectory}/{DriverBuild.Name}"))
{
    public static readonly string[] Cases =
    [
        "api_core_module",
        "api_kallsyms",
        "api_apply_and_reverse",
        "api_module_errors",
        "api_code_busy",
    ];
}

/// <summary>
/// Ksplice.Apply's kernel interfaces (CoreModule, KernelModules, SysfsUpdate; Ksplice.Abi's AbortCauses) and Ksplice.Match's Kallsyms
/// against the real kernel: tests/vm/cases/kernel_api.sh drives them through ksplice-vm-driver, a NativeAOT build.
/// </summary>
public sealed class KernelInterfaceTests(KernelInterfaceBoot boot) : IClassFixture<KernelInterfaceBoot>
{
    private readonly GuestResult _guest = boot.Result;

    [Fact]
    public void BootIsHealthy() => _guest.EnsureHealthy();

    [Fact]
    public void CoreModuleLoadsOnceWithParametersFromKallsyms() => _guest.EnsurePassed("api_core_module");

    [Fact]
    public void KallsymsAgreesWithTheKernel() => _guest.EnsurePassed("api_kallsyms");

    [Fact]
    public void SysfsUpdateAppliesAndReverses() => _guest.EnsurePassed("api_apply_and_reverse");

    [Fact]
    public void ModuleErrorsAreExplained() => _guest.EnsurePassed("api_module_errors");

    [Fact]
    public void CodeBusyIsReportedWithConflictsAndAdvice() => _guest.EnsurePassed("api_code_busy");
}
