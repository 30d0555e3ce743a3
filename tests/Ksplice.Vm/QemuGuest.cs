using System.Diagnostics;
using System.Globalization;
using Ksplice.Source.Process;

namespace Ksplice.Vm;

/// <summary>
/// Boots a kernel under QEMU (TCG): ttyS0 is the console on QEMU's stdout, ttyS1 goes to a file and carries the
/// scenario output. The kernel panics on an oops and QEMU exits instead of rebooting, so a crash ends the run at once;
/// a hang ends at the time limit.
/// </summary>
public sealed class QemuGuest(GuestKernel kernel, IProcessRunner? runner = null)
{
    private readonly IProcessRunner _runner = runner ?? ProcessRunner.Default;

    public QemuOptions Options { get; init; } = new();

    /// <summary>Boots the host's kernel with an initramfs; the scenario output goes beside it (NAME.ttyS1).</summary>
    public GuestResult Boot(string initrdPath)
    {
        var serialPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(initrdPath))!,
            Path.GetFileNameWithoutExtension(initrdPath) + ".ttyS1");
        return Boot(kernel.ImagePath, initrdPath, "", serialPath, []);
    }

    /// <summary>
    /// Boots <paramref name="kernelImage"/> with <paramref name="initrdPath"/>, the console and panic settings, then
    /// <paramref name="append"/> and <see cref="QemuOptions.ExtraAppend"/> on the command line, and
    /// <paramref name="devices"/> as further QEMU arguments; ttyS1 is written to <paramref name="serialPath"/>.
    /// </summary>
    public GuestResult Boot(string kernelImage, string initrdPath, string append, string serialPath, IReadOnlyList<string> devices)
    {
        File.Delete(serialPath);
        var commandLine = string.Join(' ', new[] { "console=ttyS0 panic=-1 oops=panic", append, Options.ExtraAppend }
            .Where(part => part.Length > 0));
        var spec = new ProcessSpec(Options.Qemu, [
            "-accel", Options.Accelerator, "-cpu", "max",
            "-smp", Options.Cpus.ToString(CultureInfo.InvariantCulture),
            "-m", Options.MemoryMb.ToString(CultureInfo.InvariantCulture),
            "-nographic", "-no-reboot",
            "-kernel", kernelImage, "-initrd", initrdPath, "-append", commandLine,
            "-serial", "mon:stdio", "-serial", "file:" + serialPath,
            .. devices]) with
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
