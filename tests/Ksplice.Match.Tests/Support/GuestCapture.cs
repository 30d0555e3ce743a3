using System.Globalization;
using Ksplice.Match.Memory;
using Ksplice.Match.Symbols;
using Ksplice.Source.Process;
using Ksplice.TestSupport;
using Ksplice.Vm;

namespace Ksplice.Match.Tests.Support;

/// <summary>
/// What the installed kernel looks like once booted, captured once per release: the guest boots it under QEMU (TCG)
/// with <c>nokaslr</c>, loads kvm, and writes /proc/kallsyms to ttyS1 and, through tests/fixtures/match/kcore_dump.c,
/// the running kernel text, rodata and data plus every module's core allocation from /proc/kcore as a small ELF core file to
/// QEMU's debugcon port. The boot-time patch sites in that image are in their running forms (ftrace NOPs, ret + int3,
/// applied alternatives), unlike the vmlinux file. The initramfs is Ksplice.Vm's; QEMU is run here because the dump
/// needs the debugcon device (a serial port is three times slower for 27 MB).
/// </summary>
public sealed class GuestCapture
{
    private static readonly Lazy<GuestCapture> LazyShared = new(Capture, LazyThreadSafetyMode.ExecutionAndPublication);

    private GuestCapture(string kallsymsPath, string runningImagePath)
    {
        KallsymsPath = kallsymsPath;
        RunningImagePath = runningImagePath;
    }

    public static GuestCapture Shared => LazyShared.Value;

    /// <summary>/proc/kallsyms of the booted guest (vmlinux and kvm, irqbypass), addresses as in the image (nokaslr).</summary>
    public string KallsymsPath { get; }

    /// <summary>ELF core file of the running kernel's text, rodata and data and the modules' core allocations.</summary>
    public string RunningImagePath { get; }

    public Kallsyms LoadSymbols() => Kallsyms.Load(KallsymsPath);

    public ElfImageMemory OpenRunning() => ElfImageMemory.Open(RunningImagePath);

    private static GuestCapture Capture()
    {
        var dir = KernelImage.CacheDir;
        Directory.CreateDirectory(dir);
        var kallsyms = Path.Combine(dir, "kallsyms.txt");
        var running = Path.Combine(dir, "running.core");
        var stamp = Path.Combine(dir, "guest.done");
        var kernel = KernelImage.Kernel;
        var dumpSource = TestFixtures.Source("kcore_dump.c");
        var identity = $"{kernel.Release} {new FileInfo(kernel.ImagePath).Length} {File.GetLastWriteTimeUtc(kernel.ImagePath):O} " +
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dumpSource)));
        using (FileLock.Acquire(Path.Combine(dir, ".guest.lock"), TimeSpan.FromMinutes(20)))
        {
            if (File.Exists(stamp) && File.ReadAllText(stamp) == identity && File.Exists(kallsyms) && File.Exists(running))
                return new GuestCapture(kallsyms, running);

            var dump = FixtureCache.CompileExecutable(dumpSource, "-O2", "-static", "-Wall", "-Wextra", "-Werror");
            var initrd = Path.Combine(dir, "guest.cpio.gz");
            new Initramfs(kernel, RepositoryLayout.Find())
                .AddExecutable(dump, "/ksplice-test/kcore_dump")
                .AddKernelModule("kvm")
                .SetScenario(new Scenario()
                    .Case("modules", "modprobe kvm\ncat /proc/modules")
                    .Case("kallsyms", "cat /proc/kallsyms")
                    .Case("dump", "/ksplice-test/kcore_dump debugcon"))
                .Build(initrd);

            var console = Path.Combine(dir, "guest.console");
            var serial = Path.Combine(dir, "guest.ttyS1");
            var core = running + ".tmp";
            foreach (var f in new[] { console, serial, core }) File.Delete(f);
            var options = new QemuOptions();
            var result = ProcessRunner.Default.Run(ProcessSpec.Of(options.Qemu,
                "-accel", "tcg", "-cpu", "max",
                "-smp", options.Cpus.ToString(CultureInfo.InvariantCulture), "-m", options.MemoryMb.ToString(CultureInfo.InvariantCulture),
                "-display", "none", "-monitor", "none", "-no-reboot",
                "-kernel", kernel.ImagePath, "-initrd", initrd,
                "-append", "console=ttyS0 nokaslr panic=-1 oops=panic",
                "-serial", "file:" + console, "-serial", "file:" + serial,
                "-chardev", "file,id=dbg,path=" + core, "-device", "isa-debugcon,iobase=0xe9,chardev=dbg") with
            {
                Timeout = TimeSpan.FromMinutes(15),
            });
            if (!result.Succeeded) throw new ProcessFailedException(result, $"booting the guest to capture kallsyms and kcore (console: {console})");

            var output = ScenarioOutput.Parse(File.ReadAllText(serial));
            foreach (var name in new[] { "modules", "kallsyms", "dump" })
                if (!output.Case(name).Passed)
                    throw new InvalidOperationException($"guest capture: {output.Case(name).Describe()} (console: {console})");
            File.WriteAllText(kallsyms, output.Case("kallsyms").Output);
            File.Move(core, running, overwrite: true);
            File.WriteAllText(stamp, identity);
            return new GuestCapture(kallsyms, running);
        }
    }
}
