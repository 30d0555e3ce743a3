using Ksplice.Source.Process;
using Xunit;

namespace Ksplice.Vm.Tests;

/// <summary>The archive format and contents, read back with the host's cpio.</summary>
public sealed class InitramfsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ksplice-initramfs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void CpioWriterOutputIsReadByCpio()
    {
        var archive = Path.Combine(_dir, "test.cpio");
        using (var file = File.Create(archive))
        {
            var cpio = new CpioWriter(file);
            cpio.AddDirectory("d");
            cpio.AddFile("d/odd", "abc"u8, 0x1A4);
            cpio.AddFile("d/exec", "#!/bin/sh\n"u8, 0x1ED);
            cpio.AddSymlink("d/link", "odd");
            cpio.Finish();
        }
        var extract = Directory.CreateDirectory(Path.Combine(_dir, "x")).FullName;
        ProcessRunner.Default.RunChecked(new ProcessSpec("sh", ["-c", $"cpio -idm --quiet < {archive}"]) { WorkingDirectory = extract });
        Assert.Equal("abc", File.ReadAllText(Path.Combine(extract, "d", "odd")));
        Assert.Equal(UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(extract, "d", "exec")) & UnixFileMode.UserExecute);
        Assert.Equal("odd", new FileInfo(Path.Combine(extract, "d", "link")).LinkTarget);
    }

    [Fact]
    public void CpioWriterRejectsEscapingPaths() =>
        Assert.Throws<ArgumentException>(() => new CpioWriter(Stream.Null).AddFile("../etc/passwd", "x"u8, 0x1A4));

    [Fact]
    public void InitramfsHoldsBusyboxInitModulesAndTheirIndex()
    {
        var kernel = VmEnvironment.Kernel;
        var initramfs = new Initramfs(kernel, VmEnvironment.Repository)
            .AddKernelModule("xfs")
            .AddExecutable("/bin/true", "/usr/local/bin/true")
            .AddText("/ksplice-test/hello.txt", "hi\n")
            .SetScenario(new Scenario().Case("x", "true"));
        var initrd = Path.Combine(_dir, "initrd.gz");
        initramfs.Build(initrd);

        var listing = ProcessRunner.Default.RunChecked("sh", "-c", $"gzip -dc {initrd} | cpio -it --quiet")
            .StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var modules = $"lib/modules/{kernel.Release}";
        foreach (var expected in new[]
                 {
                     "init", "bin/busybox", "bin/sh", "sbin/insmod", "sbin/modprobe", "ksplice-test/lib.sh",
                     "ksplice-test/scenario.sh", "ksplice-test/hello.txt", $"{modules}/kernel/fs/xfs/xfs.ko",
                     $"{modules}/kernel/lib/libcrc32c.ko", $"{modules}/kernel/crypto/crc32c_generic.ko", $"{modules}/modules.dep", "usr/local/bin/true",
                 })
        {
            Assert.Contains(expected, listing);
        }
        Assert.Contains(listing, p => p.Contains("libc.so.6", StringComparison.Ordinal));
    }

    [Fact]
    public void TheInstalledCoreGoesToTheSamePathInTheGuestByteForByte()
    {
        var kernel = VmEnvironment.Kernel;
        var installed = $"/lib/modules/{kernel.Release}/extra/ksplice_core.ko";
        Assert.Equal(installed, Initramfs.InstalledCorePath(kernel.Release));
        var initrd = Path.Combine(_dir, "initrd.gz");
        new Initramfs(kernel, VmEnvironment.Repository).AddInstalledCore().SetScenario(new Scenario().Case("x", "true")).Build(initrd);

        var extract = Directory.CreateDirectory(Path.Combine(_dir, "x")).FullName;
        ProcessRunner.Default.RunChecked(new ProcessSpec("sh", ["-c", $"gzip -dc {initrd} | cpio -idm --quiet"]) { WorkingDirectory = extract });

        Assert.Equal(File.ReadAllBytes(installed), File.ReadAllBytes(Path.Combine(extract, installed.TrimStart('/'))));
    }

    [Fact]
    public void UnknownKernelModuleIsRefused() =>
        Assert.Throws<ArgumentException>(() =>
            new Initramfs(VmEnvironment.Kernel, VmEnvironment.Repository).AddKernelModule("no_such_module_x"));

    [Fact]
    public void GuestKernelIsTheInstalledOne()
    {
        var kernel = VmEnvironment.Kernel;
        Assert.True(File.Exists(kernel.ImagePath), kernel.ImagePath);
        Assert.True(File.Exists(Path.Combine(kernel.ModulesDirectory, "modules.dep")));
        Assert.True(File.Exists(Path.Combine(kernel.HeadersDirectory, "Module.symvers")));
        Assert.StartsWith("gcc", kernel.Compiler, StringComparison.Ordinal);
    }
}
