using System.Security.Cryptography;
using System.Text;

namespace Ksplice.Source.Kbuild;

/// <summary>
/// An exclusive advisory lock (flock through <see cref="FileShare.None"/>) for one directory, kept in the temporary
/// directory so nothing is written in the tree: two make runs in the same tree, from this process or another, would
/// race on prepare steps and on the objects they both delete and rebuild.
/// </summary>
public sealed class TreeLock : IDisposable
{
    private readonly FileStream _stream;

    private TreeLock(FileStream stream) => _stream = stream;

    public static TreeLock Acquire(string directory, TimeSpan? timeout = null)
    {
        var full = Path.GetFullPath(directory).TrimEnd('/');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"ksplice-tree-{hash}.lock");
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromHours(1));
        while (true)
        {
            try
            {
                return new TreeLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
            catch (IOException e)
            {
                throw new KspliceSourceException($"Timed out waiting for the lock on {full} ({path}); another ksplice build is running there.", e);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
