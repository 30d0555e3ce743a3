using Ksplice.Apply.Kernel;
using Xunit;

namespace Ksplice.Apply.Tests.Kernel;

public sealed class KernelModulesTests
{
    private const string ProcModules = """
        xfs 1900544 0 - Live 0xffffffffc0a00000
        libcrc32c 16384 1 xfs, Live 0xffffffffc0800000
        ksplice_fix_busy 16384 2 ksplice_fix_busy_update,ksplice_core, Live 0xffffffffc0600000 (OE)
        going 16384 0 - Unloading 0xffffffffc0400000 (OE)

        """;

    [Fact]
    public void ParsesProcModules()
    {
        var modules = KernelModules.ParseProcModules(ProcModules);
        Assert.Equal(["xfs", "libcrc32c", "ksplice_fix_busy", "going"], modules.Select(m => m.Name));
        Assert.Equal(new LoadedModule("xfs", 1900544, 0, [], "Live", 0xffffffffc0a00000, ""), modules[0] with { UsedBy = [] });
        Assert.Empty(modules[0].UsedBy);
        Assert.Equal(["xfs"], modules[1].UsedBy);
        Assert.Equal(["ksplice_fix_busy_update", "ksplice_core"], modules[2].UsedBy);
        Assert.Equal("OE", modules[2].Taints);
        Assert.Equal("Unloading", modules[3].State);
    }

    [Fact]
    public void MalformedLineIsReported() =>
        Assert.Contains("/proc/modules:1:", Assert.Throws<FormatException>(() => KernelModules.ParseProcModules("xfs big 0 - Live 0x0\n")).Message,
            StringComparison.Ordinal);

    [Fact]
    public void IsLoadedReadsTheGivenFile()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, ProcModules);
            Assert.True(KernelModules.IsLoaded("libcrc32c", path));
            Assert.True(KernelModules.IsLoaded("ksplice-fix-busy", path));
            Assert.False(KernelModules.IsLoaded("ksplice_core", path));
            Assert.False(CoreModule.IsLoaded(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(17, true, "already loaded (EEXIST)")]
    [InlineData(8, true, "vermagic")]
    [InlineData(1, false, "run as root")]
    [InlineData(11, false, "in use")]
    [InlineData(2, false, "no such module is loaded")]
    [InlineData(2, true, "unknown symbol")]
    [InlineData(22, true, "init function failed")]
    public void ErrnoBecomesAdvice(int errno, bool loading, string expected) =>
        Assert.Contains(expected, KernelModules.Describe(errno, loading), StringComparison.Ordinal);

    /// <summary>
    /// A real delete_module call through libc: the module does not exist (ENOENT), we may not (EPERM), or the host
    /// kernel has no module support (ENOSYS). The in-guest tests (Ksplice.Vm.Tests.KernelInterfaceTests) cover the rest.
    /// </summary>
    [Fact]
    public void UnloadingAModuleThatIsNotLoadedFailsWithTheKernelsErrno()
    {
        var e = Assert.Throws<KernelModuleException>(() => KernelModules.Unload("ksplice_no_such_module"));
        Assert.Contains(e.Errno, new[] { 1, 2, 38 });
        Assert.Equal("Cannot unload module ksplice_no_such_module: " + KernelModules.Describe(e.Errno, loading: false), e.Message);
    }

    /// <summary>A real finit_module call with a file that is not a module: ENOEXEC, EPERM without the right, ENOSYS without module support.</summary>
    [Fact]
    public void LoadingSomethingThatIsNotAModuleFails()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not an ELF file");
            var e = Assert.Throws<KernelModuleException>(() => KernelModules.Load(path));
            Assert.Contains(e.Errno, new[] { 1, 8, 38 });
            Assert.Equal($"Cannot load {path}: " + KernelModules.Describe(e.Errno, loading: true), e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadingAMissingFileSaysWhich() =>
        Assert.Contains("/nonexistent/x.ko", Assert.Throws<KernelModuleException>(() => KernelModules.Load("/nonexistent/x.ko")).Message,
            StringComparison.Ordinal);
}
