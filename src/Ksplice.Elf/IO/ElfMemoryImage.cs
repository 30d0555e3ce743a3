using Ksplice.Elf.Model;
using Microsoft.Win32.SafeHandles;

namespace Ksplice.Elf.IO;

/// <summary>
/// Reads memory by virtual address through the PT_LOAD segments of an ELF executable or core file: a vmlinux image
/// or /proc/kcore. Only the headers are read up front; bytes are read from the file on demand.
/// </summary>
public sealed class ElfMemoryImage : IDisposable
{
    private readonly SafeFileHandle _file;

    private ElfMemoryImage(string path, SafeFileHandle file, IReadOnlyList<ElfSegment> loads)
    {
        Path = path;
        _file = file;
        Loads = loads;
    }

    public string Path { get; }
    public IReadOnlyList<ElfSegment> Loads { get; }

    public static ElfMemoryImage Open(string path)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        try
        {
            using var stream = new FileStream(handle, FileAccess.Read, 1, false);
            var segments = ElfReader.ReadSegments(stream, path);
            var loads = segments.Where(s => s.Type == ElfSegmentType.Load && s.FileSize > 0).ToList();
            return new ElfMemoryImage(path, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), loads);
        }
        finally
        {
            handle.Dispose();
        }
    }

    /// <summary>The load segment that backs an address with file bytes, or null.</summary>
    public ElfSegment? SegmentFor(ulong address) =>
        Loads.FirstOrDefault(s => address >= s.VirtualAddress && address - s.VirtualAddress < s.FileSize);

    /// <summary>Fills <paramref name="buffer"/> with the bytes at <paramref name="address"/>; false when any byte is not mapped.</summary>
    public bool TryRead(ulong address, Span<byte> buffer)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var at = address + (ulong)done;
            var segment = SegmentFor(at);
            if (segment is null) return false;
            var inSegment = at - segment.VirtualAddress;
            var n = (int)Math.Min((ulong)(buffer.Length - done), segment.FileSize - inSegment);
            var read = RandomAccess.Read(_file, buffer.Slice(done, n), (long)(segment.FileOffset + inSegment));
            if (read <= 0) return false;
            done += read;
        }
        return true;
    }

    public byte[] Read(ulong address, int length)
    {
        var buffer = new byte[length];
        if (!TryRead(address, buffer))
            throw new IOException($"{Path}: 0x{address:x}..0x{address + (ulong)length:x} is not mapped by any load segment");
        return buffer;
    }

    public void Dispose() => _file.Dispose();
}
