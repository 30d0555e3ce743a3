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
