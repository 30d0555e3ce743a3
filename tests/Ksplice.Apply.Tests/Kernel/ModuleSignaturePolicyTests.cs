using Ksplice.Apply.Kernel;
using Ksplice.Apply.Target;
using Xunit;

namespace Ksplice.Apply.Tests.Kernel;

/// <summary>How the target side reads signature enforcement, the loaded core's srcversion and the installed core's path.</summary>
public sealed class ModuleSignaturePolicyTests
{
    private static string Sys(string? sigEnforce, string? lockdown, string? srcversion = null)
    {
        var root = Directory.CreateTempSubdirectory("ksplice-sys-").FullName;
        void Write(string relative, string? text)
        {
            if (text is null) return;
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
        Write(ModuleSignaturePolicy.SigEnforceFile, sigEnforce);
        Write(ModuleSignaturePolicy.LockdownFile, lockdown);
        Write("module/ksplice_core/srcversion", srcversion);
        return root;
    }

    [Theory]
    [InlineData("N\n", "[none] integrity confidentiality\n", false, "none", false)]
    [InlineData("Y\n", "[none] integrity confidentiality\n", true, "none", true)]
    [InlineData("N\n", "none [integrity] confidentiality\n", false, "integrity", true)]
    [InlineData("N\n", "none integrity [confidentiality]\n", false, "confidentiality", true)]
    [InlineData(null, null, false, null, false)]
    public void SigEnforceAndLockdownAreReadFromSysfs(string? sigEnforce, string? lockdown, bool expectSigEnforce, string? expectLockdown, bool enforced)
    {
        var policy = ModuleSignaturePolicy.Read(Sys(sigEnforce, lockdown));

        Assert.Equal(new ModuleSignaturePolicy(expectSigEnforce, expectLockdown), policy);
        Assert.Equal(enforced, policy.Enforced);
        Assert.Equal(enforced, policy.Settings.Count > 0);
    }

    [Fact]
    public void TheInstalledCoreIsTheRunningReleasesAndTheLoadedCoresSrcversionComesFromSysModule()
    {
        var proc = Directory.CreateTempSubdirectory("ksplice-proc-").FullName;
        Directory.CreateDirectory(Path.Combine(proc, "sys/kernel"));
        File.WriteAllText(Path.Combine(proc, "sys/kernel/osrelease"), "6.1.0-57-amd64\n");
        File.WriteAllText(Path.Combine(proc, "sys/kernel/version"), "#1 SMP\n");
        using var kernel = new LinuxTargetKernel(procRoot: proc, sysRoot: Sys("Y\n", null, "F793BAA61D8C4033323F309\n"), modulesRoot: "/lib/modules");

        Assert.Equal("/lib/modules/6.1.0-57-amd64/extra/ksplice_core.ko", kernel.InstalledCorePath);
        Assert.Equal("F793BAA61D8C4033323F309", kernel.LoadedCoreSourceVersion());
        Assert.True(kernel.SignaturePolicy().SigEnforce);
    }

    [Fact]
    public void NoLoadedCoreHasNoSrcversion()
    {
        using var kernel = new LinuxTargetKernel(sysRoot: Sys(null, null));
        Assert.Null(kernel.LoadedCoreSourceVersion());
    }

    [Theory]
    [InlineData("")]
    [InlineData("../../tmp")]
    [InlineData("..")]
    public void AReleaseThatIsNotOneIsNotAPath(string release) =>
        Assert.Throws<ArgumentException>(() => InstalledCore.PathFor(release));
}
