using Ksplice.Source.Process;
using Ksplice.Vm;
using Xunit;

namespace Ksplice.Vm.Tests;

/// <summary>The kernel command line a <see cref="DebianGuest"/> boot gives QEMU, without starting QEMU.</summary>
public sealed class DebianGuestCommandTests
{
    private sealed class CapturingRunner : IProcessRunner
    {
        public List<ProcessSpec> Specs { get; } = [];

        public ProcessResult Run(ProcessSpec spec)
        {
            Specs.Add(spec);
            return new ProcessResult(spec.CommandLine, 0, "", "");
        }
    }

    private static string CommandLine(string kernelParameters)
    {
        var runner = new CapturingRunner();
        var kernel = new GuestKernel("6.1.0-0-amd64", "/boot/vmlinuz", "/lib/modules/x", "/usr/src/x");
        using var guest = new DebianGuest(new DebianImage("/nonexistent/debian-guest", kernel), VmEnvironment.Repository, runner);
        guest.Boot(new Scenario(), kernelParameters);
        var qemu = runner.Specs.Single(s => s.Arguments.Contains("-append")).Arguments.ToList();
        return qemu[qemu.IndexOf("-append") + 1];
    }

    [Fact]
    public void ABootsKernelParametersFollowTheHarnesss() =>
        Assert.EndsWith(" root=/dev/vda rw ignore_loglevel ksplice=off", CommandLine("ksplice=off"), StringComparison.Ordinal);

    [Fact]
    public void ABootWithoutKernelParametersHasOnlyTheHarnesss() =>
        Assert.EndsWith(" root=/dev/vda rw ignore_loglevel", CommandLine(""), StringComparison.Ordinal);
}
