using System.Runtime.InteropServices;

namespace Ksplice.Update.Signing;

/// <summary>
/// What a path names, from stat(2) (following symbolic links): .NET reports a FIFO or a device as a file, and opening a
/// FIFO to read it would wait for a writer.
/// </summary>
public static class FileKind
{
    private const uint TypeMask = 0xF000; // S_IFMT
    private const uint Regular = 0x8000; // S_IFREG
    private const uint DirectoryType = 0x4000; // S_IFDIR
    private const int StatSize = 144; // sizeof(struct stat) on x86_64
    private const int ModeOffset = 24; // offsetof(struct stat, st_mode) on x86_64

    /// <summary>"regular file", "directory", "FIFO, socket or device", or null when the path does not exist.</summary>
    public static string? Describe(string path)
    {
        var buffer = new byte[StatSize];
        if (Stat(path, buffer) != 0) return null;
        return (BitConverter.ToUInt32(buffer, ModeOffset) & TypeMask) switch
        {
            Regular => "regular file",
            DirectoryType => "directory",
            _ => "FIFO, socket or device",
        };
    }

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);
}
