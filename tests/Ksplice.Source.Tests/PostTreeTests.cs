using System.Diagnostics;
using System.Security.Cryptography;
using Ksplice.Source.Patches;
using Ksplice.Source.Process;
using Ksplice.Source.Trees;
using Ksplice.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Ksplice.Source.Tests;

[Collection(KernelTreeCollection.Name)]
public sealed class PostTreeTests(ITestOutputHelper output)
{
    private static readonly ProcessRunner Runner = new();

    private static string PostDir => Path.Combine(KernelTree.Shared.CacheDir, "post-source-tests");

    private static PostTree OpenPost(out PostTreeSync sync) =>
        PostTree.Open(KernelTree.Shared.Source, PostDir, Runner, [KernelTree.Shared.ConfigDirPath], out sync);

    private static SourcePatch Corpus(string name) => PatchFileInput.Load(Path.Combine(RepoPaths.Corpus, name, "patch"));

    private static string Inode(string path) => Runner.Output("stat", "-c", "%d:%i", path);

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void PrepareIsIdempotentAndFastTheSecondTime()
    {
        var tree = KernelTree.Shared;
        output.WriteLine($"first prepare in this run: {(tree.Prepare.AlreadyPrepared ? "already done" : "did the work")}, {tree.Prepare.Elapsed.TotalSeconds:0.0} s");
        var again = tree.Source.Prepare(tree.Config, tree.Headers.ModuleSymversPath, tree.Kbuild);
        output.WriteLine($"prepare again: {again.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(again.AlreadyPrepared);
        Assert.True(again.Elapsed < TimeSpan.FromSeconds(2), again.Elapsed.ToString());
        Assert.Equal(again.Stamp, PrepareStamp.TryRead(tree.TreePath));
    }

    [Fact]
    public void PostTreeIsResetBetweenTwoDifferentPatches()
    {
        var tree = KernelTree.Shared;
        var post = OpenPost(out var first);
        output.WriteLine($"open post tree: created={first.Created}, {first.FilesRestored} files, {first.Elapsed.TotalSeconds:0.00} s");
        const string printk = "kernel/printk/printk.c", sys = "kernel/sys.c";
        Assert.Equal(Inode(tree.Source.FullPath(printk)), Inode(post.FullPath(printk)));

        PatchApplier.Apply(post, Corpus("printk-quoth"), Runner);
        Assert.NotEqual(Hash(tree.Source.FullPath(printk)), Hash(post.FullPath(printk)));
        Assert.Contains("Quoth the kernel", File.ReadAllText(post.FullPath(printk)), StringComparison.Ordinal);

        post = OpenPost(out var reset);
        output.WriteLine($"reset after printk-quoth: {reset.FilesRestored} files, {reset.Elapsed.TotalSeconds:0.00} s");
        Assert.False(reset.Created);
        Assert.Equal(Inode(tree.Source.FullPath(printk)), Inode(post.FullPath(printk)));

        PatchApplier.Apply(post, Corpus("uname-sysname"), Runner);
        Assert.Equal(Inode(tree.Source.FullPath(printk)), Inode(post.FullPath(printk)));
        Assert.NotEqual(Hash(tree.Source.FullPath(sys)), Hash(post.FullPath(sys)));

        post = OpenPost(out _);
        Assert.Equal(Inode(tree.Source.FullPath(sys)), Inode(post.FullPath(sys)));
    }

    [Fact]
    public void ResetRemovesCreatedFilesAndRestoresDeletedOnes()
    {
        var post = OpenPost(out _);
        const string deleted = "kernel/printk/index.c", created = "kernel/ksplice_new_dir/new.c";
        var lines = File.ReadAllLines(post.FullPath(deleted));
        var text = $"--- a/{deleted}\n+++ /dev/null\n@@ -1,{lines.Length} +0,0 @@\n" + string.Concat(lines.Select(l => "-" + l + "\n"))
            + $"--- /dev/null\n+++ b/{created}\n@@ -0,0 +1 @@\n+int ksplice_new;\n";
        var patch = SourcePatch.FromText(text);
        Assert.Equal([new TouchedFile(deleted, FileChangeKind.Deleted), new TouchedFile(created, FileChangeKind.Created)], patch.Files);
        PatchApplier.Apply(post, patch, Runner);
        Assert.False(File.Exists(post.FullPath(deleted)));
        Assert.True(File.Exists(post.FullPath(created)));

        post = OpenPost(out _);
        Assert.Equal(Inode(KernelTree.Shared.Source.FullPath(deleted)), Inode(post.FullPath(deleted)));
        Assert.False(Directory.Exists(post.FullPath("kernel/ksplice_new_dir")));
    }

    [Fact]
    public void PatchThatDoesNotApplyLeavesThePostTreeAsItWas()
    {
        var post = OpenPost(out _);
        const string file = "kernel/sys.c";
        var before = Snapshot(post.Path);
        var bad = $"--- a/{file}\n+++ b/{file}\n@@ -1,2 +1,2 @@\n-this line is not in sys.c\n+nor is this one\n context that does not exist\n";
        var e = Assert.Throws<PatchDoesNotApplyException>(() => PatchApplier.Apply(post, SourcePatch.FromText(bad), Runner));
        output.WriteLine(e.Message);
        Assert.Contains("Hunk #1 FAILED", e.PatchOutput, StringComparison.Ordinal);
        Assert.Contains("does not apply", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(post.Path));
    }

    [Fact]
    public void BuildingInThePostTreeNeverWritesThroughToTheSourceTree()
    {
        var tree = KernelTree.Shared;
        var post = OpenPost(out _);
        const string obj = "kernel/printk/printk.o", src = "kernel/printk/printk.c";
        var pristine = Hash(tree.Source.FullPath(src));

        var clock = Stopwatch.StartNew();
        tree.Kbuild.BuildObjects(tree.TreePath, [obj]);
        output.WriteLine($"pre build of {obj}: {clock.Elapsed.TotalSeconds:0.0} s");
        var preObject = Hash(tree.Source.FullPath(obj));
        var sourceBefore = Snapshot(tree.TreePath);

        PatchApplier.Apply(post, Corpus("printk-quoth"), Runner);
        clock.Restart();
        var cmd = tree.Kbuild.BuildObjects(post.Path, [obj]).Single();
        output.WriteLine($"post build of {obj}: {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.Equal(sourceBefore, Snapshot(tree.TreePath));
        Assert.Equal(pristine, Hash(tree.Source.FullPath(src)));
        Assert.Equal(preObject, Hash(tree.Source.FullPath(obj)));
        Assert.NotEqual(preObject, Hash(post.FullPath(obj)));
        Assert.NotEqual(Inode(tree.Source.FullPath(obj)), Inode(post.FullPath(obj)));
        Assert.Contains($"-o {obj}", cmd.CommandLine, StringComparison.Ordinal);
        Assert.Contains("-ffunction-sections", cmd.CompileArguments);

        clock.Restart();
        OpenPost(out var reset);
        output.WriteLine($"post tree reset after patch+build: {reset.FilesRestored} files, {clock.Elapsed.TotalSeconds:0.00} s");
        Assert.Equal(sourceBefore, Snapshot(tree.TreePath));
        Assert.Equal(Inode(tree.Source.FullPath(src)), Inode(post.FullPath(src)));
    }

    /// <summary>Modification time and size of every file (a write through a shared inode changes both).</summary>
    private static SortedDictionary<string, (long, long)> Snapshot(string root)
    {
        var result = new SortedDictionary<string, (long, long)>(StringComparer.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var top in Directory.EnumerateDirectories(root).Where(d => Path.GetFileName(d) is not "ksplice" and not PostTreeState.DirectoryName))
            foreach (var f in new DirectoryInfo(top).EnumerateFiles("*", options))
                result[f.FullName] = (f.LastWriteTimeUtc.Ticks, f.Length);
        foreach (var f in new DirectoryInfo(root).EnumerateFiles().Where(f => f.Name != ".missing-syscalls.d"))
            result[f.FullName] = (f.LastWriteTimeUtc.Ticks, f.Length);
        return result;
    }
}
