namespace Ksplice.Match.Memory;

public static class KernelMemoryExtensions
{
    /// <summary>The bytes at <paramref name="address"/>, or null when any of them is unreadable.</summary>
    public static byte[]? TryRead(this IKernelMemory memory, ulong address, int length)
    {
        var buffer = new byte[length];
        return memory.TryRead(address, buffer) ? buffer : null;
    }
}
