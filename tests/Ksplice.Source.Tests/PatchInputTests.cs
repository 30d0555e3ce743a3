using Ksplice.Source.Patches;
using Ksplice.Source.Process;
using Ksplice.TestSupport;
using Xunit;

namespace Ksplice.Source.Tests;

[Collection(KernelTreeCollection.Name)]
public sealed class PatchInputTests
{
    private static readonly ProcessRunner Runner = new();

    private static string MiniTree(string name)
    {
        var dir = KernelTree.Shared.Scratch(name);
        Directory.CreateDirectory(Path.Combine(dir, "kernel"));
        File.WriteAllText(Path.Combine(dir, "kernel/sys.c"), "int a;\nint b;\nint c;\n");
        File.WriteAllText(Path.Combine(dir, "kernel/fork.c"), "int x;\n");
        return dir;
    }

    [Fact]
    public void DiffExtComparesEveryMatchingFileWithItsOriginal()
    {
        var dir = MiniTree("diffext");
        File.WriteAllText(Path.Combine(dir, "kernel/sys.c.fixed"), "int a;\nint b2;\nint c;\n");
        File.WriteAllText(Path.Combine(dir, "kernel/new.c.fixed"), "int n;\n");
        Directory.CreateDirectory(Path.Combine(dir, "ksplice"));
        File.WriteAllText(Path.Combine(dir, "ksplice/ignored.c.fixed"), "x\n");
        var patch = DiffExtInput.Load(dir, ".fixed", Runner, [Path.Combine(dir, "ksplice")]);
        Assert.Equal([new TouchedFile("kernel/new.c", FileChangeKind.Created), new TouchedFile("kernel/sys.c", FileChangeKind.Modified)], patch.Files);
        Assert.Contains("+int b2;", patch.Text, StringComparison.Ordinal);
        Assert.Equal(["-p1"], patch.PatchOptions);

        // The patch applies to a copy of the originals.
        var copy = MiniTree("diffext-apply");
        Runner.RunChecked(new ProcessSpec("patch", ["-p1", "--dry-run"]) { WorkingDirectory = copy, StandardInput = patch.Text });
    }

    [Fact]
    public void DiffExtWithoutMatchesIsAnError()
    {
        var dir = MiniTree("diffext-none");
        var e = Assert.Throws<KspliceSourceException>(() => DiffExtInput.Load(dir, ".fixed", Runner));
        Assert.Contains("No file in", e.Message, StringComparison.Ordinal);
        Assert.Contains(".fixed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GitModeDiffsTheBaselineAgainstTheCommitAndSeriesMovesIt()
    {
        var dir = MiniTree("git");
        string Git(params string[] args) => Runner.RunChecked(new ProcessSpec("git",
            ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false", .. args]) { WorkingDirectory = dir }).StandardOutput.Trim();
        Git("init", "-q");
        Git("add", ".");
        Git("commit", "-qm", "base");
        var baseCommit = Git("rev-parse", "HEAD");
        Git("checkout", "-qb", "fix");
        File.WriteAllText(Path.Combine(dir, "kernel/sys.c"), "int a;\nint B;\nint c;\n");
        File.Delete(Path.Combine(dir, "kernel/fork.c"));
        Git("commit", "-qam", "fix");
        Git("checkout", "-q", baseCommit);

        var patch = GitInput.Load(dir, "fix", series: false, Runner);
        Assert.Equal(baseCommit, Git("rev-parse", GitInput.BaselineRef));
        Assert.Equal([new TouchedFile("kernel/fork.c", FileChangeKind.Deleted), new TouchedFile("kernel/sys.c", FileChangeKind.Modified)], patch.Files);
        Assert.Contains("+int B;", patch.Text, StringComparison.Ordinal);

        // The baseline stays where it was until --series moves it to HEAD.
        Git("checkout", "-q", "fix");
        Assert.Equal(2, GitInput.Load(dir, "fix", series: false, Runner).Files.Count);
        var series = GitInput.Load(dir, "fix", series: true, Runner);
        Assert.Equal(Git("rev-parse", "fix"), Git("rev-parse", GitInput.BaselineRef));
        Assert.Empty(series.Files);

        Assert.Contains("no such commit", Assert.Throws<KspliceSourceException>(() => GitInput.Load(dir, "nope", false, Runner)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorpusPatchesListTheirFilesAndApplyToThePristineTree()
    {
        foreach (var name in RepoPaths.CorpusCases)
        {
            var patch = PatchFileInput.Load(Path.Combine(RepoPaths.Corpus, name, "patch"));
            Assert.NotEmpty(patch.Files);
            Assert.All(patch.Files, f => Assert.True(f.Change == FileChangeKind.Modified && File.Exists(KernelTree.Shared.Source.FullPath(f.Path)), $"{name}: {f}"));
            var dry = Runner.Run(new ProcessSpec("patch", ["-p1", "--dry-run", "--force"]) { WorkingDirectory = KernelTree.Shared.TreePath, StandardInput = patch.Text });
            Assert.True(dry.Succeeded, $"{name}: {dry.StandardOutput}");
            Assert.Equal(patch.Files.Select(f => f.Path), PatchApplier.ReportedFiles(dry.StandardOutput));
        }
        Assert.Equal(2, PatchFileInput.Load(Path.Combine(RepoPaths.Corpus, "new-globals", "patch")).Files.Count);
    }

    [Theory]
    [InlineData("-p1", 1)]
    [InlineData("-p0", 0)]
    [InlineData("--strip=2", 2)]
    [InlineData("-p 3 --fuzz=0", 3)]
    public void StripLevelComesFromThePatchOptions(string options, int level) =>
        Assert.Equal(level, UnifiedDiffParser.StripLevel([options]));

    [Theory]
    [InlineData("fs/xfs/Makefile", PatchFileKind.BuildFile)]
    [InlineData("arch/x86/Kconfig.cpu", PatchFileKind.BuildFile)]
    [InlineData("net/Kbuild", PatchFileKind.BuildFile)]
    [InlineData("arch/x86/kernel/vmlinux.lds.S", PatchFileKind.LinkerScript)]
    [InlineData("Documentation/process/howto.rst", PatchFileKind.Documentation)]
    [InlineData("tools/objtool/check.c", PatchFileKind.HostTool)]
    [InlineData("kernel/sys.c", PatchFileKind.Source)]
    [InlineData("arch/x86/entry/entry_64.S", PatchFileKind.Source)]
    [InlineData("include/linux/sched.h", PatchFileKind.Header)]
    [InlineData("arch/x86/entry/syscalls/syscall_64.tbl", PatchFileKind.Unknown)]
    public void TouchedFilesAreClassifiedByTheTable(string path, PatchFileKind kind) =>
        Assert.Equal(kind, PatchFileRules.Classify(path));
}
