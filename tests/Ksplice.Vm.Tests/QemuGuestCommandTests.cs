using Ksplice.Source.Process;
using Ksplice.Vm;
using Xunit;

namespace Ksplice.Vm.Tests;

/// <summary>The QEMU command line QemuGuest builds, without starting QEMU.</summary>
public sealed class QemuGuestCommandTests
{
    private sealed class CapturingRunner : IProcessRunner
    {
        public ProcessSpec? Spec { get; private set; }

        public ProcessResult Run(ProcessSpec spec)
        {
            Spec = spec;
            return new ProcessResult(spec.CommandLine, 0, "", "");
        }
    }

    private static IReadOnlyList<string> Arguments(QemuOptions options)
    {
        var runner = new CapturingRunner();
        var kernel = new GuestKernel("6.1.0-0-amd64", "/boot/vmlinuz", "/lib/modules/x", "/usr/src/x");
        var serial = Path.Combine(Path.GetTempPath(), $"qemu-command-{Guid.NewGuid():N}.ttyS1");
        new QemuGuest(kernel, runner) { Options = options }.Boot("/boot/vmlinuz", "/tmp/initrd.gz", "", serial, []);
        return runner.Spec!.Arguments;
    }

    private static string Accel(IReadOnlyList<string> args) => args[args.ToList().IndexOf("-accel") + 1];

    [Fact]
    public void GuestsRunOneHostThreadPerVcpuByDefault() => Assert.Equal("tcg", Accel(Arguments(new QemuOptions())));

    [Fact]
    public void SingleThreadedTcgRunsEveryVcpuOnOneHostThread()
    {
        var args = Arguments(new QemuOptions { SingleThreadedTcg = true, Cpus = 2 });
        Assert.Equal("tcg,thread=single", Accel(args));
        Assert.Equal("2", args[args.ToList().IndexOf("-smp") + 1]);
    }
}
