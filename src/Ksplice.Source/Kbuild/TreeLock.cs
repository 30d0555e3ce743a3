namespace Ksplice.Source.Kbuild;

/// <summary>
/// An exclusive advisory lock (flock through <see cref="FileShare.None"/>) for one tree: two make runs in the same
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

    private readonly FileStream _stream;

    private TreeLock(FileStream stream) => _stream = stream;

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
        while (true)
        {
            CheckNotLink(path);
            try
            {
                var stream = new FileStream(path, Trees.FileModes.Options(FileMode.OpenOrCreate, FileAccess.Read, Trees.FileModes.Readable, FileShare.None));
                try
                {
                    CheckNotLink(path);
                }
                catch
                {
                    stream.Dispose();
                    throw;
                }
                return new TreeLock(stream);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new KspliceSourceException($"Cannot open the tree lock {path}: {e.Message}; build in a tree you own.", e);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
            catch (IOException e)
            {
                throw new KspliceSourceException($"Timed out waiting for the lock on {directory} ({path}); another ksplice build is running there.", e);
            }
        }
    }

    private static void CheckNotLink(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
            throw new KspliceSourceException($"{path} is a symbolic link (to {info.LinkTarget}); refusing to use it as the tree lock. Remove it.");
        if (!info.Exists && Directory.Exists(path))
            throw new KspliceSourceException($"{path} is a directory; refusing to use it as the tree lock. Remove it.");
    }

    public void Dispose() => _stream.Dispose();
}
