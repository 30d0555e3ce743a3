using System.Diagnostics;
using Ksplice.Source.Process;
using Ksplice.Vm;
using Xunit;
using Xunit.Abstractions;

namespace Ksplice.Vm.Tests;

/// <summary>
/// One Debian machine booted twice: the first boot refuses the test repository without its key, then installs
/// ksplice-guest-probe (tests/vm/debian/probe) from it with the key; the second boot is the reboot after, where the
/// probe's unit has run again and a deliberate WARNING must be reported.
/// </summary>
public sealed class DebianGuestBoots : IDisposable
{
    private const string CasesPath = $"{DebianGuest.ShareMount}/cases/debian_guest.sh";

    private readonly string _work;

    public DebianGuestBoots()
    {
        var clock = Stopwatch.StartNew();
        Image = DebianImage.Build(VmEnvironment.Kernel, VmEnvironment.Repository);
        ImageTime = clock.Elapsed;

        _work = Directory.CreateTempSubdirectory("ksplice-debian-test-").FullName;
        var probe = Path.Combine(_work, "ksplice-guest-probe_1.0_all.deb");
        ProcessRunner.Default.RunChecked("dpkg-deb", "--root-owner-group", "--build",
            Path.Combine(VmEnvironment.Repository.DebianGuest, "probe"), probe);
        var repository = new AptRepository(Path.Combine(_work, "apt")).Add(probe).Publish();

        Machine = new DebianGuest(Image, VmEnvironment.Repository);
        Machine.AddFile(repository.Keyring, "apt/keyring.gpg")
            .AddDirectory(repository.RepositoryDirectory, "apt/repo")
            .AddFile(Path.Combine(VmEnvironment.Repository.VmTests, "cases", "debian_guest.sh"), "cases/debian_guest.sh")
            .AddFile(VmEnvironment.Modules.Fixture("ksplice_fix_warn"), "ksplice_fix_warn.ko");
        First = Machine.Boot(new Scenario().Source(CasesPath)
            .Case("debian_release").Case("debian_apt_unsigned_refused").Case("debian_apt_install"));
        Second = Machine.Boot(new Scenario().Source(CasesPath)
            .Case("debian_probe_after_reboot").Case("debian_warning"));
    }

    public DebianImage Image { get; }

    /// <summary>How long getting the image took: its build when it was not cached.</summary>
    public TimeSpan ImageTime { get; }

    public DebianGuest Machine { get; }
    public DebianBoot First { get; }
    public DebianBoot Second { get; }

    public void Dispose()
    {
        Machine.Dispose();
        Directory.Delete(_work, recursive: true);
        GC.SuppressFinalize(this);
    }
}

/// <summary>The Debian guest harness on a real Debian 12 system: kernel, systemd, a signed apt repository, a reboot.</summary>
public sealed class DebianGuestTests(DebianGuestBoots boots, ITestOutputHelper output) : IClassFixture<DebianGuestBoots>
{
    private readonly DebianBoot _first = boots.First;
    private readonly DebianBoot _second = boots.Second;

    [Fact]
    public void GuestRunsTheHostsDebianKernel()
    {
        var step = _first.EnsurePassed("debian_release").Output;
        var kernel = VmEnvironment.Kernel;
        Assert.Contains($"release={kernel.Release}\n", step, StringComparison.Ordinal);
        Assert.Contains($"kernel_package={kernel.ImagePackage}={kernel.ImagePackageVersion()}\n", step, StringComparison.Ordinal);
        Assert.Contains("debian_version=12.", step, StringComparison.Ordinal);
        Assert.Contains($"initrd=/boot/initrd.img-{kernel.Release}\n", step, StringComparison.Ordinal);
    }

    [Fact]
    public void SystemdReachesMultiUserTargetWithNoFailedUnits()
    {
        foreach (var boot in new[] { _first, _second })
        {
            Assert.True(boot.SystemState == "running", boot.Describe());
            Assert.Empty(boot.FailedUnits);
            Assert.NotNull(boot.MultiUserReached);
            Assert.Contains("multi-user.target reached after", boot.Analyze, StringComparison.Ordinal);
            Assert.Contains("Reached target multi-user.target", boot.Journal, StringComparison.Ordinal);
            output.WriteLine($"boot {boot.Number}: multi-user.target at {boot.MultiUserReached!.Value.TotalSeconds:0.0} s, " +
                $"QEMU ran {boot.Guest.Elapsed.TotalSeconds:0} s; {boot.Analyze.Split('\n')[0]}");
        }
        output.WriteLine($"image ready in {boots.ImageTime.TotalSeconds:0} s; {boots.Image.BuildReport.Split("packages")[0].Trim()}");
    }

    [Fact]
    public void AptRefusesTheRepositoryWithoutItsKey()
    {
        var step = _first.EnsurePassed("debian_apt_unsigned_refused").Output;
        Assert.Contains("NO_PUBKEY", step, StringComparison.Ordinal);
        Assert.Contains("Unable to locate package ksplice-guest-probe", step, StringComparison.Ordinal);
    }

    [Fact]
    public void AptInstallsFromTheSignedRepository()
    {
        var step = _first.EnsurePassed("debian_apt_install").Output;
        Assert.Contains("Setting up ksplice-guest-probe (1.0)", step, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot be authenticated", step, StringComparison.Ordinal);
        Assert.DoesNotContain("insecure", step, StringComparison.OrdinalIgnoreCase);
        output.WriteLine($"apt-get install took {Value(step, "apt_install_ms")} ms");
    }

    [Fact]
    public void TheProbesUnitRunsAgainAfterTheRebootBeforeMultiUserTarget()
    {
        var installed = _first.EnsurePassed("debian_apt_install").Output;
        var rebooted = _second.Step("debian_probe_after_reboot");
        Assert.True(rebooted.Passed, rebooted.Describe());
        Assert.Equal(Value(installed, "boot_id"), Value(rebooted.Output, "first_boot_id"));
        var probe = _second.Journal.IndexOf("Finished ksplice-guest-probe.service", StringComparison.Ordinal);
        var target = _second.Journal.IndexOf("Reached target multi-user.target", StringComparison.Ordinal);
        Assert.True(probe >= 0 && probe < target, $"the journal of boot 2 does not show the probe finished before multi-user.target:\n{_second.Journal}");
    }

    [Fact]
    public void EachBootKeepsItsOwnJournal()
    {
        Assert.Contains("@@BEGIN debian_apt_install", _first.Journal, StringComparison.Ordinal);
        Assert.DoesNotContain("@@BEGIN debian_probe_after_reboot", _first.Journal, StringComparison.Ordinal);
        Assert.Contains("@@BEGIN debian_probe_after_reboot", _second.Journal, StringComparison.Ordinal);
        Assert.DoesNotContain("@@BEGIN debian_apt_install", _second.Journal, StringComparison.Ordinal);
    }

    [Fact]
    public void AHealthyBootPassesAndAKernelWarningIsRefused()
    {
        _first.EnsureHealthy();
        Assert.True(_second.Step("debian_warning").Passed, _second.Step("debian_warning").Describe());
        var problem = Assert.Single(_second.Guest.Problems);
        Assert.Equal(KernelProblemKind.Warning, problem.Kind);
        Assert.Equal("debian_warning", problem.Case);
        Assert.Contains(problem.Context, l => l.Contains("warn_init", StringComparison.Ordinal));
        Assert.False(_second.Healthy);
        Assert.Throws<GuestFailedException>(_second.EnsureHealthy);
    }

    /// <summary>The value of a "name=value" line a step printed.</summary>
    private static string Value(string output, string name) =>
        output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..]
        ?? throw new Xunit.Sdk.XunitException($"the step printed no {name}=; its output:\n{output}");
}
