using Ksplice.Source.Kbuild;
using Xunit;

namespace Ksplice.Source.Tests.Security;

/// <summary>The tree lock lives in the tree and is never opened through a link planted at its name.</summary>
public sealed class TreeLockAttackTests : IDisposable
{
    private readonly SmallTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void A_symlink_planted_at_the_lock_path_is_refused_and_its_target_untouched()
    {
        var lockPath = TreeLock.PathFor(_tree.SourcePath);
        File.CreateSymbolicLink(lockPath, _tree.VictimPath);
        var before = _tree.Snapshot();
        var e = Assert.Throws<KspliceSourceException>(() => TreeLock.Acquire(_tree.SourcePath, TimeSpan.FromSeconds(1)));
        Assert.Contains("symbolic link", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, _tree.Snapshot());
        // The victim is not locked either: it can still be opened exclusively.
        using var victim = new FileStream(_tree.VictimPath, FileMode.Open, FileAccess.Read, FileShare.None);
    }

    [Fact]
    public void A_dangling_symlink_at_the_lock_path_creates_nothing()
    {
        var target = Path.Combine(_tree.Root, "created-through-link");
        File.CreateSymbolicLink(TreeLock.PathFor(_tree.SourcePath), target);
        Assert.Throws<KspliceSourceException>(() => TreeLock.Acquire(_tree.SourcePath, TimeSpan.FromSeconds(1)));
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task A_fifo_planted_at_the_lock_path_is_refused_without_waiting_for_a_writer()
    {
        var lockPath = TreeLock.PathFor(_tree.SourcePath);
        Assert.Equal(0, MakeFifo(lockPath, 0x1B6));
        var acquire = Task.Run(() => TreeLock.Acquire(_tree.SourcePath, TimeSpan.FromSeconds(1)));
        Assert.True(await Task.WhenAny(acquire, Task.Delay(TimeSpan.FromSeconds(10))) == acquire, "opening the lock waited on a FIFO");
        var e = Assert.IsType<KspliceSourceException>(acquire.Exception?.InnerException);
        Assert.Contains("not a regular file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_at_the_lock_path_is_refused()
    {
        Directory.CreateDirectory(TreeLock.PathFor(_tree.SourcePath));
        var e = Assert.Throws<KspliceSourceException>(() => TreeLock.Acquire(_tree.SourcePath, TimeSpan.FromSeconds(1)));
        Assert.Contains("is a directory", e.Message, StringComparison.Ordinal);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, int mode);

    [Fact]
    public void The_lock_is_in_the_tree_and_excludes_a_second_holder()
    {
        using (TreeLock.Acquire(_tree.SourcePath))
        {
            Assert.True(File.Exists(Path.Combine(_tree.SourcePath, TreeLock.FileName)));
            Assert.Throws<KspliceSourceException>(() => TreeLock.Acquire(_tree.SourcePath, TimeSpan.FromMilliseconds(300)));
        }
        using (TreeLock.Acquire(_tree.SourcePath, TimeSpan.FromSeconds(1))) { }
    }

    [Fact]
    public void The_create_lock_is_separate_from_the_build_lock_and_reports_a_holder()
    {
        Assert.False(TreeLock.IsHeld(_tree.SourcePath, TreeLock.CreateFileName));
        using (TreeLock.Acquire(_tree.SourcePath, fileName: TreeLock.CreateFileName))
        {
            Assert.True(TreeLock.IsHeld(_tree.SourcePath, TreeLock.CreateFileName));
            // A create holds its lock while its builds take the tree's build lock.
            using (TreeLock.Acquire(_tree.SourcePath, TimeSpan.FromSeconds(1))) { }
        }
        Assert.False(TreeLock.IsHeld(_tree.SourcePath, TreeLock.CreateFileName));
    }
}
