using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Ksplice.Package;

/// <summary>
/// Opens an update's files, and the tarball named on the command line, only when they are regular files (links
/// followed). .NET takes a FIFO or a device for a file, and opening a FIFO to read waits for a writer: a FIFO given as
/// the tarball would hang apply, a device would be read as one. So the path is checked with stat(2) before it is
/// opened, opened with O_NONBLOCK (a FIFO swapped in meanwhile does not block), and what was opened is checked again
/// with fstat(2): the file read is the file checked.
/// </summary>
public static class RegularFile
{
    private const int ReadOnly = 0x0;            // O_RDONLY
    private const int NoControllingTty = 0x100;  // O_NOCTTY
    private const int NonBlocking = 0x800;       // O_NONBLOCK
    private const int CloseOnExec = 0x80000;     // O_CLOEXEC
    private const int StatSize = 144;            // sizeof(struct stat) on x86_64
    private const int ModeOffset = 24;           // offsetof(struct stat, st_mode) on x86_64
    private const uint TypeMask = 0xF000;        // S_IFMT
    private const uint RegularType = 0x8000;     // S_IFREG

    /// <summary>st_mode's file types (S_IFIFO ... S_IFSOCK) other than a regular file, as a message names them.</summary>
    private static readonly Dictionary<uint, string> OtherTypes = new()
    {
        [0x1000] = "a FIFO (named pipe)",
        [0x2000] = "a character device",
        [0x4000] = "a directory",
        [0x6000] = "a block device",
        [0xA000] = "a symbolic link",
        [0xC000] = "a socket",
    };

    /// <summary>Opens <paramref name="path"/> to read it; <see cref="InvalidUpdateException"/> unless it is a regular file.</summary>
    public static FileStream OpenRead(string path)
    {
        if (NotRegular(path) is { } before) throw Refusal(path, before);
        var fd = Open(path, ReadOnly | NonBlocking | NoControllingTty | CloseOnExec);
        if (fd < 0) throw new InvalidUpdateException($"{path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var buffer = new byte[StatSize];
        if (FStat(fd, buffer) != 0 || TypeOf(buffer) is not RegularType)
        {
            handle.Dispose();
            throw Refusal(path, Describe(TypeOf(buffer)));
        }
        return new FileStream(handle, FileAccess.Read);
    }

    /// <summary>What <paramref name="path"/> is when it is not a regular file ("a FIFO (named pipe)", ...); null for a
    /// regular file and for a path that does not exist (opening it says so).</summary>
    public static string? NotRegular(string path)
    {
        var buffer = new byte[StatSize];
        if (Stat(path, buffer) != 0) return null;
        var type = TypeOf(buffer);
        return type == RegularType ? null : Describe(type);
    }

    private static uint TypeOf(byte[] stat) => BitConverter.ToUInt32(stat, ModeOffset) & TypeMask;

    private static string Describe(uint type) => OtherTypes.GetValueOrDefault(type, "not a regular file");

    private static InvalidUpdateException Refusal(string path, string kind) =>
        new($"{path} is {kind}, not a regular file; ksplice reads an update only from regular files (ksplice-<id>.tar.gz or the directory it unpacks to)");

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);

    [DllImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static extern int FStat(int fd, byte[] buffer);
}
