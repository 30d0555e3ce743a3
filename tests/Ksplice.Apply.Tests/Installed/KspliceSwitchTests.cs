using Ksplice.Apply.Installed;
using Xunit;

namespace Ksplice.Apply.Tests.Installed;

/// <summary>ksplice=off on the kernel command line and /etc/ksplice/disable turn --all off, each named.</summary>
public sealed class KspliceSwitchTests
{
    private readonly string _proc = Directory.CreateTempSubdirectory("ksplice-proc-").FullName;
    private readonly string _disable = Path.Combine(Directory.CreateTempSubdirectory("ksplice-etc-").FullName, "disable");

    private string? OffBecause(string cmdline)
    {
        File.WriteAllText(Path.Combine(_proc, "cmdline"), cmdline);
        return KspliceSwitch.OffBecause(_proc, _disable);
    }

    [Fact]
    public void OnByDefault() => Assert.Null(OffBecause("BOOT_IMAGE=/vmlinuz root=/dev/vda quiet\n"));

    [Fact]
    public void KspliceOffOnTheCommandLine() =>
        Assert.Equal("ksplice=off is on the kernel command line", OffBecause("root=/dev/vda ksplice=off quiet\n"));

    [Theory]
    [InlineData("ksplice=offline\n")]
    [InlineData("noksplice=off\n")]
    [InlineData("ksplice=on\n")]
    public void OnlyTheWholeOptionCounts(string cmdline) => Assert.Null(OffBecause(cmdline));

    [Fact]
    public void TheDisableFile()
    {
        File.WriteAllText(_disable, "");
        Assert.Equal($"{_disable} exists", OffBecause("root=/dev/vda\n"));
    }
}
