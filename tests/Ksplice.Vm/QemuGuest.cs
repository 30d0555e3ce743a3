using System.Diagnostics;
using System.Globalization;
using Ksplice.Source.Process;

namespace Ksplice.Vm;

/// <summary>
/// Boots the guest kernel with an initramfs under QEMU (TCG): ttyS0 is the console on QEMU's stdout,
/// ttyS1 goes to a file and carries the scenario output. The kernel panics on an oops and QEMU
/// exits instead of rebooting, so a crash ends the run at once; a hang ends at the time limit.
/// </summary>
public sealed class QemuGuest(GuestKernel kernel, IProcessRunner? runner = null)
{
    private readonly IProcessRunner _runner = runner ?? ProcessRunner.Default;

    public QemuOptions Options { get; init; } = new();

    public GuestResult Boot(string initrdPath)
    {
        var serialPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(initrdPath))!,
            Path.GetFileNameWithoutExtension(initrdPath) + ".ttyS1");
        File.Delete(serialPath);
        var append = $"console=ttyS0 panic=-1 oops=panic {Options.ExtraAppend}".Trim();
        var spec = ProcessSpec.Of(Options.Qemu,
            "-accel", "tcg", "-cpu", "max",
            "-smp", Options.Cpus.ToString(CultureInfo.InvariantCulture),
            "-m", Options.MemoryMb.ToString(CultureInfo.InvariantCulture),
            "-nographic", "-no-reboot",
            "-kernel", kernel.ImagePath, "-initrd", initrdPath, "-append", append,
            "-serial", "mon:stdio", "-serial", "file:" + serialPath) with
        {
            Timeout = Options.Timeout,
            StandardInput = "",
        };

        var clock = Stopwatch.StartNew();
        var result = _runner.Run(spec);
        clock.Stop();
        var timedOut = result.ExitCode == 124 && clock.Elapsed >= Options.Timeout;
        if (result.ExitCode == 127)
            throw new ProcessFailedException(result, "QEMU could not be started");
        var serial = File.Exists(serialPath) ? File.ReadAllText(serialPath) : "";
        var console = result.StandardOutput + (result.Succeeded || timedOut ? "" : result.StandardError);
        return new GuestResult(console, serial, timedOut, result.ExitCode, clock.Elapsed, result.CommandLine);
    }
}
