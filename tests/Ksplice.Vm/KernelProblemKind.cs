namespace Ksplice.Vm;

/// <summary>What went wrong in the guest, by the kernel's own markers (or a timeout).</summary>
public enum KernelProblemKind
{
    Oops,
    Bug,
    Warning,
    Panic,
    CallTrace,
    Stall,
    HungTask,
    Hang,
}
