namespace Ksplice.Vm;

/// <summary>How to run the guest. /dev/kvm does not work on these machines, so TCG it is.</summary>
public sealed record QemuOptions
{
    public string Qemu { get; init; } = "qemu-system-x86_64";
    public int Cpus { get; init; } = 2;
    public int MemoryMb { get; init; } = 2048;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(6);

    /// <summary>Appended to the kernel command line.</summary>
    public string ExtraAppend { get; init; } = "";
}
