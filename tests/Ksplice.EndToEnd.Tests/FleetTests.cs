using Ksplice.Corpus;
using Ksplice.Vm;
using Xunit;
using Xunit.Abstractions;

namespace Ksplice.EndToEnd.Tests;

/// <summary>
/// Fleet (issue 10), on a real Debian 12 machine: the tool packages and update packages installed with apt-get from a
/// signed repository, applied live, kept across a reboot by ksplice.service, an update for another kernel installed
/// but not applied (and removed without touching the running kernel's update of the same id), a series removed in the
/// wrong order refused, apt-get remove undoing live, and ksplice turned off by /etc/ksplice/disable and by ksplice=off.
/// </summary>
public sealed class FleetTests(FleetMachine fleet, ITestOutputHelper output) : IClassFixture<FleetMachine>
{
    private readonly DebianBoot _installing = fleet.Installing;
    private readonly DebianBoot _rebooted = fleet.Rebooted;
    private readonly DebianBoot[] _boots = [fleet.Installing, fleet.Rebooted, fleet.DisabledByFile, fleet.OffOnCommandLine];

    [Fact]
    public void Lintian_reports_no_error_or_warning_on_the_tool_packages_or_any_update_package()
    {
        Assert.True(fleet.Lintian.Succeeded, $"lintian on {string.Join(", ", fleet.ToolPackages.Concat(fleet.UpdateDebs).Select(Path.GetFileName))}:\n{fleet.Lintian.StandardOutput}{fleet.Lintian.StandardError}");
        Assert.Equal(3, fleet.UpdateDebs.Count);
        foreach (var deb in fleet.ToolPackages) Assert.True(File.Exists(deb), $"{deb} was not built");
        output.WriteLine($"tool packages built and lintian-checked in {fleet.PackageTime.TotalSeconds:0} s");
    }

    [Fact]
    public void The_guest_is_Debian_12_running_the_hosts_kernel_and_every_boot_reaches_multi_user_target_cleanly()
    {
        var step = _installing.EnsurePassed("fleet_release").Output;
        Assert.Contains($"release={GuestRun.Kernel.Release}\n", step, StringComparison.Ordinal);
        Assert.Contains($"kernel_package={GuestRun.Kernel.ImagePackage}={GuestRun.Kernel.ImagePackageVersion()}\n", step, StringComparison.Ordinal);
        Assert.Contains("debian_version=12.", step, StringComparison.Ordinal);
        foreach (var boot in _boots)
        {
            Assert.True(boot.SystemState == "running", boot.Describe());
            Assert.Empty(boot.FailedUnits);
            Assert.NotNull(boot.MultiUserReached);
            output.WriteLine($"boot {boot.Number}: multi-user.target at {boot.MultiUserReached!.Value.TotalSeconds:0.0} s, " +
                $"QEMU ran {boot.Guest.Elapsed.TotalSeconds:0} s; {boot.Analyze.Split('\n')[0]}");
        }
        _installing.EnsureHealthy();
        output.WriteLine($"image ready in {fleet.ImageTime.TotalSeconds:0} s; {fleet.Image.BuildReport.Split("packages")[0].Trim()}");
    }

    [Fact]
    public void Apt_refuses_the_repository_without_its_key() =>
        Assert.Contains("NO_PUBKEY", _installing.EnsurePassed("fleet_unsigned_refused").Output, StringComparison.Ordinal);

    [Fact]
    public void Apt_installs_both_tool_packages_and_dkms_builds_the_core_for_the_running_kernel()
    {
        var step = _installing.EnsurePassed("fleet_install_tools").Output;
        Assert.Contains($"Setting up ksplice ({FleetMachine.ToolVersion})", step, StringComparison.Ordinal);
        Assert.Contains($"Setting up ksplice-core-dkms ({FleetMachine.ToolVersion})", step, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot be authenticated", step, StringComparison.Ordinal);
        output.WriteLine($"apt-get install ksplice ksplice-core-dkms (DKMS build included) took {Value(step, "tools_install_ms")} ms");
    }

    [Fact]
    public void Bash_completion_finds_each_commands_completion_by_the_commands_name() =>
        _installing.EnsurePassed("fleet_completion");

    [Fact]
    public void Systemd_analyze_verify_finds_nothing_wrong_with_ksplice_service() =>
        _installing.EnsurePassed("fleet_unit_verified");

    [Fact]
    public void Apt_get_install_of_an_update_applies_it_live()
    {
        var step = _installing.EnsurePassed("fleet_install_update").Output;
        Assert.Contains($"Setting up {FleetMachine.PackageName(fleet.First.Id)} (1)", step, StringComparison.Ordinal);
        output.WriteLine($"apt-get install {FleetMachine.PackageName(fleet.First.Id)} to applied: {Value(step, "install_to_applied_ms")} ms");
    }

    [Fact]
    public void An_update_for_another_kernel_installs_applies_nothing_and_the_service_says_why()
    {
        _installing.EnsurePassed("fleet_install_foreign");
        var rebooted = Rebooted("fleet_after_reboot");
        Assert.Contains($"{fleet.ForeignId}: not applied: installed for kernel {ForeignUpdate.Release}", rebooted, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_the_first_update_of_a_series_before_the_second_is_refused_and_both_stay_applied() =>
        Assert.Contains($"{FleetMachine.PackageName(fleet.Second.Id)} depends on {FleetMachine.PackageName(fleet.First.Id)}",
            _installing.EnsurePassed("fleet_install_stacked").Output, StringComparison.Ordinal);

    [Fact]
    public void After_a_reboot_ksplice_service_applies_the_series_again_before_multi_user_target_and_ends_clean()
    {
        var step = Rebooted("fleet_after_reboot");
        Assert.Contains("Active: active (exited)", step, StringComparison.Ordinal);
        var service = _rebooted.Journal.IndexOf("Finished ksplice.service", StringComparison.Ordinal);
        var target = _rebooted.Journal.IndexOf("Reached target multi-user.target", StringComparison.Ordinal);
        Assert.True(service >= 0 && service < target, $"the journal of the reboot does not show ksplice.service finished before multi-user.target:\n{_rebooted.Journal}");
    }

    [Fact]
    public void Ksplice_service_is_ordered_before_network_pre_target_and_finished_before_it_was_reached()
    {
        var step = Rebooted("fleet_early");
        output.WriteLine($"ksplice.service exited at {Value(step, "service_exited_usec")} us, network-pre.target reached at {Value(step, "network_pre_usec")} us");
    }

    [Fact]
    public void Apt_get_remove_undoes_each_update_live()
    {
        Rebooted("fleet_remove_stacked");
        output.WriteLine($"apt-get remove {FleetMachine.PackageName(fleet.First.Id)} to undone: {Value(Rebooted("fleet_remove"), "remove_to_undone_ms")} ms");
    }

    [Fact]
    public void Removing_the_update_for_another_kernel_leaves_the_running_kernels_update_of_the_same_id_applied()
    {
        Assert.Equal(fleet.First.Id, fleet.ForeignId);
        Rebooted("fleet_remove_foreign");
    }

    [Fact]
    public void A_boot_with_etc_ksplice_disable_skips_ksplice_service_and_applies_nothing()
    {
        Rebooted("fleet_disable");
        fleet.DisabledByFile.EnsurePassed("fleet_disabled_by_file");
    }

    [Fact]
    public void A_boot_with_ksplice_off_on_the_kernel_command_line_skips_ksplice_service_and_applies_nothing() =>
        fleet.OffOnCommandLine.EnsurePassed("fleet_off_on_command_line");

    [Fact]
    public void Each_boot_keeps_its_own_journal()
    {
        Assert.Contains("@@BEGIN fleet_install_tools", _installing.Journal, StringComparison.Ordinal);
        Assert.DoesNotContain("@@BEGIN fleet_after_reboot", _installing.Journal, StringComparison.Ordinal);
        Assert.Contains("@@BEGIN fleet_after_reboot", _rebooted.Journal, StringComparison.Ordinal);
        Assert.DoesNotContain("@@BEGIN fleet_install_tools", _rebooted.Journal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kernel_warning_on_the_machine_is_caught_by_the_harness()
    {
        Assert.True(_rebooted.Step("fleet_warning").Passed, _rebooted.Step("fleet_warning").Describe());
        var problem = Assert.Single(_rebooted.Guest.Problems);
        Assert.Equal(KernelProblemKind.Warning, problem.Kind);
        Assert.Equal("fleet_warning", problem.Case);
        Assert.False(_rebooted.Healthy);
    }

    /// <summary>
    /// The output of a step of the reboot, which must have passed with no kernel problem before the last step (which
    /// makes a warning on purpose).
    /// </summary>
    private string Rebooted(string step)
    {
        var result = _rebooted.Step(step);
        Assert.True(result.Passed, result.Describe());
        Assert.DoesNotContain(_rebooted.Guest.Problems, p => p.Case != "fleet_warning");
        Assert.True(_rebooted.SystemState == "running" && _rebooted.FailedUnits.Count == 0, _rebooted.Describe());
        return result.Output;
    }

    /// <summary>The value of a "name=value" line a step printed.</summary>
    private static string Value(string output, string name) =>
        output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..]
        ?? throw new Xunit.Sdk.XunitException($"the step printed no {name}=; its output:\n{output}");
}
