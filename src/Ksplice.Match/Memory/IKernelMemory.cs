namespace Ksplice.Match.Memory;

/// <summary>Read access to the running kernel's memory by virtual address (/proc/kcore, a vmlinux image, a test image).</summary>
public interface IKernelMemory
{
    /// <summary>Fills <paramref name="buffer"/> with the bytes at <paramref name="address"/>; false when any byte is unreadable.</summary>
    bool TryRead(ulong address, Span<byte> buffer);
}
