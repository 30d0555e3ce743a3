using Ksplice.Match.Memory;

namespace Ksplice.Match.Tests.Support;

/// <summary>Test kernel memory: a few mapped regions; everything else is unreadable. Regions can be written to.</summary>
public sealed class SparseMemory : IKernelMemory
{
    private readonly List<(ulong Start, byte[] Bytes)> _regions = [];

    public void Map(ulong start, byte[] bytes)
    {
        foreach (var (s, b) in _regions)
            if (start < s + (ulong)b.Length && s < start + (ulong)bytes.Length)
                throw new InvalidOperationException($"0x{start:x} overlaps the region at 0x{s:x}");
        _regions.Add((start, bytes));
    }

    public bool TryRead(ulong address, Span<byte> buffer)
    {
        foreach (var (start, bytes) in _regions)
        {
            if (address < start || address + (ulong)buffer.Length > start + (ulong)bytes.Length) continue;
            bytes.AsSpan((int)(address - start), buffer.Length).CopyTo(buffer);
            return true;
        }
        return false;
    }

    public byte[] Read(ulong address, int length)
    {
        var buffer = new byte[length];
        if (!TryRead(address, buffer)) throw new InvalidOperationException($"0x{address:x} is not mapped");
        return buffer;
    }

    public void Write(ulong address, ReadOnlySpan<byte> data)
    {
        foreach (var (start, bytes) in _regions)
        {
            if (address < start || address + (ulong)data.Length > start + (ulong)bytes.Length) continue;
            data.CopyTo(bytes.AsSpan((int)(address - start)));
            return;
        }
        throw new InvalidOperationException($"0x{address:x} is not mapped");
    }
}
