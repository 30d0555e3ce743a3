using Xunit;

namespace Ksplice.Vm.Tests;

/// <summary>What a Debian boot's result directory and console say, read without booting.</summary>
public sealed class DebianBootTests : IDisposable
{
    private const string Steps = "@@BOOTED 6.1.0-57-amd64\n@@BEGIN one\nhello\n@@END one rc=0\n@@DONE\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("ksplice-debian-boot-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AFinishedBootIsHealthyAndReportsWhenItReachedMultiUserTarget()
    {
        Write("state", "running\n");
        Write("failed-units", "");
        Write("multi-user-usec", "41234567\n");
        Write("analyze", "Startup finished in 9.1s (kernel) + 32.1s (userspace) = 41.2s\nmulti-user.target reached after 32.1s in userspace.\n");
        Write("journal", "[    0.000000] debian-guest kernel: Linux version 6.1.0-57-amd64\n");

        var boot = new DebianBoot(1, Guest(Steps), _dir);

        Assert.True(boot.Healthy, boot.Describe());
        Assert.Equal(TimeSpan.FromMicroseconds(41234567), boot.MultiUserReached);
        Assert.StartsWith("Startup finished in 9.1s", boot.Analyze, StringComparison.Ordinal);
        Assert.Equal("hello\n", boot.EnsurePassed("one").Output);
    }

    [Fact]
    public void AFailedUnitMakesTheBootUnhealthyAndIsNamed()
    {
        Write("state", "degraded\n");
        Write("failed-units", "systemd-logind.service loaded failed failed User Login Management\nfoo.mount loaded failed failed /foo\n");
        Write("multi-user-usec", "41234567\n");
        Write("journal", "journal\n");

        var boot = new DebianBoot(2, Guest(Steps), _dir);

        Assert.Equal(["systemd-logind.service", "foo.mount"], boot.FailedUnits);
        Assert.False(boot.Healthy);
        Assert.Contains("Boot 2: systemd ended its boot \"degraded\"; failed units: systemd-logind.service, foo.mount.",
            boot.Describe(), StringComparison.Ordinal);
        Assert.Throws<GuestFailedException>(() => boot.EnsurePassed("one"));
    }

    [Fact]
    public void ABootThatNeverRanItsStepsHasNoResults()
    {
        var boot = new DebianBoot(1, Guest(""), _dir);

        Assert.Null(boot.MultiUserReached);
        Assert.Empty(boot.FailedUnits);
        Assert.False(boot.Healthy);
        Assert.Contains("never started", boot.Describe(), StringComparison.Ordinal);
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_dir, name), text);

    private static GuestResult Guest(string steps) =>
        new("[    1.000000] Run /init as init process\n", steps, timedOut: false, exitCode: 0, TimeSpan.FromSeconds(60), "qemu-system-x86_64");
}
