using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Ksplice.Source.Kbuild;

/// <summary>
/// An exclusive advisory lock (flock(2)) for one tree: two make runs in the same
/// tree, from this process or another, would race on prepare steps and on the objects they both delete and rebuild.
/// The lock file is <see cref="FileName"/> at the top of the tree itself, so it belongs to whoever may build there
/// (never a predictable name in a shared temporary directory); a symbolic link or anything but a regular file at that
/// name is refused, never followed.
/// </summary>
public sealed class TreeLock : IDisposable
{
    public const string FileName = ".ksplice-tree.lock";

    /// <summary>
    /// The lock one ksplice-create holds on its source tree from start to end: the post tree is synchronised, patched and
    /// built in steps, and a second create in between would revert or add to the first one's changes, which could then
    /// build an update from the wrong source or report no changes.
    /// </summary>
    public const string CreateFileName = ".ksplice-create.lock";

    private readonly SafeFileHandle _handle;

    private TreeLock(SafeFileHandle handle) => _handle = handle;

    public static string PathFor(string directory, string fileName = FileName) => Path.Combine(Path.GetFullPath(directory).TrimEnd('/'), fileName);

    /// <summary>Whether another process holds the lock right now (for a message before waiting).</summary>
    public static bool IsHeld(string directory, string fileName = FileName)
    {
        try
        {
            using var probe = Acquire(directory, TimeSpan.Zero, fileName);
            return false;
        }
        catch (KspliceSourceException)
        {
            return true;
        }
    }

    public static TreeLock Acquire(string directory, TimeSpan? timeout = null, string fileName = FileName)
    {
        var path = PathFor(directory, fileName);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromHours(1));
        var handle = OpenRegularNoFollow(path);
        try
        {
            while (Flock(handle, LockExclusive | LockNonBlocking) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno != EWOULDBLOCK && errno != EINTR)
                    throw new KspliceSourceException($"Cannot lock {path}: {Marshal.GetPInvokeErrorMessage(errno)}.");
                if (DateTime.UtcNow >= deadline)
                    throw new KspliceSourceException($"Timed out waiting for the lock on {directory} ({path}); another ksplice build is running there.");
                Thread.Sleep(200);
            }
            return new TreeLock(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens or creates the lock file in one open(2) that refuses a symbolic link at the name (no window between a check
    /// and the open in which a link could be swapped in) and never waits on a FIFO; anything but a regular file is refused.
    /// </summary>
    private static SafeFileHandle OpenRegularNoFollow(string path)
    {
        var fd = Open(path, ReadOnly | Create | NoFollow | NonBlocking | CloseOnExec, 0x1A4 /* 0644 */);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new KspliceSourceException(errno switch
            {
                ELOOP => $"{path} is a symbolic link; refusing to use it as the tree lock. Remove it.",
                EISDIR => $"{path} is a directory; refusing to use it as the tree lock. Remove it.",
                _ => $"Cannot open the tree lock {path}: {Marshal.GetPInvokeErrorMessage(errno)}; build in a tree you own.",
            });
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var stat = new byte[StatSize];
        if (Fstat(handle, stat) != 0 || (BitConverter.ToUInt32(stat, ModeOffset) & TypeMask) != Regular)
        {
            handle.Dispose();
            throw new KspliceSourceException($"{path} is not a regular file; refusing to use it as the tree lock. Remove it.");
        }
        return handle;
    }

    public void Dispose() => _handle.Dispose();

    private const int ReadOnly = 0, Create = 0x40, NonBlocking = 0x800, NoFollow = 0x20000, CloseOnExec = 0x80000;
    private const int LockExclusive = 2, LockNonBlocking = 4;
    private const int EINTR = 4, EWOULDBLOCK = 11, EISDIR = 21, ELOOP = 40;
    private const uint TypeMask = 0xF000, Regular = 0x8000;
    private const int StatSize = 144, ModeOffset = 24; // struct stat on x86_64

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static extern int Fstat(SafeFileHandle fd, byte[] buffer);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int Flock(SafeFileHandle fd, int operation);
}
