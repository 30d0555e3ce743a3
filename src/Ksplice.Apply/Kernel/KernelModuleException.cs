namespace Ksplice.Apply.Kernel;

/// <summary>finit_module or delete_module failed; <see cref="Errno"/> is the kernel's error number.</summary>
public sealed class KernelModuleException(string message, int errno) : IOException(message)
{
    public int Errno { get; } = errno;
}
