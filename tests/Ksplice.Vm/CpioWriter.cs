using System.Text;

namespace Ksplice.Vm;

/// <summary>
/// Writes a cpio archive in the "newc" format the kernel unpacks as an initramfs
/// (Documentation/driver-api/early-userspace/buffer-format.rst): a 110-byte ASCII header of
/// 13 eight-digit hex fields, the NUL-terminated name, then the data, each padded to 4 bytes.
/// </summary>
public sealed class CpioWriter(Stream output)
{
    public const int TypeDirectory = 0x4000; // S_IFDIR
    public const int TypeFile = 0x8000;      // S_IFREG
    public const int TypeSymlink = 0xA000;   // S_IFLNK

    private int _inode = 1;
    private bool _finished;

    public void AddDirectory(string path, int permissions = 0x1ED /* 0755 */) =>
        Write(path, TypeDirectory | permissions, 2, []);

    public void AddFile(string path, ReadOnlySpan<byte> data, int permissions) =>
        Write(path, TypeFile | permissions, 1, data);

    public void AddSymlink(string path, string target) =>
        Write(path, TypeSymlink | 0x1FF /* 0777 */, 1, Encoding.UTF8.GetBytes(target));

    /// <summary>Writes the TRAILER!!! entry; the archive is complete afterwards.</summary>
    public void Finish()
    {
        if (_finished) return;
        WriteEntry("TRAILER!!!", 0, 0, 1, []);
        _finished = true;
    }

    private void Write(string path, int mode, int links, ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        var name = path.TrimStart('/');
        if (name.Length == 0 || name.Split('/').Any(p => p is "" or "." or ".."))
            throw new ArgumentException($"Bad archive path '{path}'", nameof(path));
        WriteEntry(name, _inode++, mode, links, data);
    }

    private void WriteEntry(string name, int inode, int mode, int links, ReadOnlySpan<byte> data)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        var header = new StringBuilder("070701");
        foreach (var field in new long[] { inode, mode, 0, 0, links, 0, data.Length, 0, 0, 0, 0, nameBytes.Length, 0 })
            header.Append(field.ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
        output.Write(Encoding.ASCII.GetBytes(header.ToString()));
        output.Write(nameBytes);
        Pad(110 + nameBytes.Length);
        output.Write(data);
        Pad(data.Length);
    }

    private void Pad(long length)
    {
        var pad = (int)((4 - length % 4) % 4);
        if (pad > 0) output.Write(new byte[pad]);
    }
}
