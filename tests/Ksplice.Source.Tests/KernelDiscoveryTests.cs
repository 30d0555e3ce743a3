using Ksplice.Source.Config;
using Ksplice.Source.Kernel;
using Ksplice.Source.Process;
using Ksplice.Source.Toolchain;
using Ksplice.TestSupport;
using Xunit;

namespace Ksplice.Source.Tests;

[Collection(KernelTreeCollection.Name)]
public sealed class KernelDiscoveryTests
{
    private static readonly ProcessRunner Runner = new();

    [Fact]
    public void InstalledReleaseHasHeadersVersionAndCompiler()
    {
        var installed = KernelRelease.FindInstalled();
        var release = Assert.Single(installed);
        Assert.Matches(@"^6\.1\.\d+-\d+-amd64$", release.Release);
        Assert.Equal(release.Release, release.Headers.Release);
        Assert.StartsWith("#1 SMP PREEMPT_DYNAMIC Debian 6.1.", release.Headers.Version);
        Assert.StartsWith("gcc-12 (Debian 12.2.0", release.Headers.Compiler);
        Assert.Contains("GNU ld", release.Headers.Compiler, StringComparison.Ordinal);
        Assert.True(File.Exists(release.Headers.ModuleSymversPath));
        Assert.Same(release, KernelRelease.Find(release.Release, installed));
        Assert.Throws<KspliceSourceException>(() => KernelRelease.Find("9.9.9-nope", installed));
    }

    [Fact]
    public void ConfigDirResolvesTheHeadersWhoseConfigMatches()
    {
        var tree = KernelTree.Shared;
        Assert.Equal(tree.Headers.Path, tree.Config.ResolveHeaders().Path);
        Assert.Null(tree.Config.SystemMapPath);

        // Debian's /boot/config lacks the build-identity options of the headers' .config; it still matches.
        var dir = tree.Scratch("config-boot");
        File.Copy($"/boot/config-{tree.Headers.Release}", Path.Combine(dir, ".config"));
        File.Copy($"/boot/System.map-{tree.Headers.Release}", Path.Combine(dir, "System.map"));
        var boot = ConfigDir.Open(dir);
        Assert.Null(boot.SystemMapPath);
        Assert.Equal(tree.Headers.Path, boot.ResolveHeaders().Path);
    }

    [Fact]
    public void BuildLinkWinsAndAForeignConfigGetsAdvice()
    {
        var tree = KernelTree.Shared;
        var dir = tree.Scratch("config-foreign");
        File.WriteAllText(Path.Combine(dir, ".config"), File.ReadAllText(tree.Config.ConfigPath).Replace("CONFIG_XFS_FS=m", "CONFIG_XFS_FS=y"));
        var e = Assert.Throws<KspliceSourceException>(() => ConfigDir.Open(dir).ResolveHeaders());
        Assert.Contains("CONFIG_XFS_FS", e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(dir, "build"), e.Message, StringComparison.Ordinal);

        File.CreateSymbolicLink(Path.Combine(dir, "build"), tree.Headers.Path);
        Assert.Equal(tree.Headers.Path, ConfigDir.Open(dir).ResolveHeaders().Path);
    }

    [Fact]
    public void MissingConfigIsAnErrorNamingThePath()
    {
        var dir = KernelTree.Shared.Scratch("config-missing");
        var e = Assert.Throws<KspliceSourceException>(() => ConfigDir.Open(dir));
        Assert.Contains(Path.Combine(dir, ".config"), e.Message, StringComparison.Ordinal);
        var absent = Path.Combine(dir, "absent");
        Assert.Contains(absent, Assert.Throws<KspliceSourceException>(() => ConfigDir.Open(absent)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompilerMatchesTheKernelsAndAMismatchNamesBoth()
    {
        var tree = KernelTree.Shared;
        var ok = CompilerCheck.Check(Runner, tree.Config.Config);
        Assert.Equal("gcc-12", ok.Command);
        Assert.Equal(tree.Config.Config.CcVersionText, ok.VersionText);

        var dir = tree.Scratch("config-other-cc");
        const string other = "gcc-12 (Debian 12.2.0-14) 12.2.0";
        File.WriteAllText(Path.Combine(dir, ".config"),
            File.ReadAllText(tree.Config.ConfigPath).Replace($"CONFIG_CC_VERSION_TEXT=\"{ok.VersionText}\"", $"CONFIG_CC_VERSION_TEXT=\"{other}\""));
        var config = ConfigDir.Open(dir).Config;
        Assert.Equal(other, config.CcVersionText);
        var e = Assert.Throws<CompilerMismatchException>(() => CompilerCheck.Check(Runner, config));
        Assert.Contains($"built by \"{other}\"", e.Message, StringComparison.Ordinal);
        Assert.Contains($"this machine has \"{ok.VersionText}\"", e.Message, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(dir, ".config"), "CONFIG_CC_VERSION_TEXT=\"clang-99 (nope) 99\"\n");
        var missing = Assert.Throws<CompilerMismatchException>(() => CompilerCheck.Check(Runner, ConfigDir.Open(dir).Config));
        Assert.Null(missing.Found);
        Assert.Contains("no working 'clang-99'", missing.Message, StringComparison.Ordinal);
    }
}
