namespace Ksplice.Vm;

/// <summary>How to run the guest. /dev/kvm does not work on these machines, so TCG it is.</summary>
public sealed record QemuOptions
{
    public string Qemu { get; init; } = "qemu-system-x86_64";
    public int Cpus { get; init; } = 2;
    public int MemoryMb { get; init; } = 2048;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(6);

    /// <summary>
    /// Runs every vCPU on one host thread (<c>-accel tcg,thread=single</c>) instead of one thread each (MTTCG). For a
    /// guest whose vCPUs execute code while another vCPU rewrites it, over and over: QEMU 7.2's MTTCG can keep a stale
    /// translation of a rewritten instruction (docs/DESIGN.md, section 3, "Testing under emulation").
    /// </summary>
    public bool SingleThreadedTcg { get; init; }

    /// <summary>The value of QEMU's <c>-accel</c>.</summary>
    public string Accelerator => SingleThreadedTcg ? "tcg,thread=single" : "tcg";

    /// <summary>Appended to the kernel command line.</summary>
    public string ExtraAppend { get; init; } = "";
}
