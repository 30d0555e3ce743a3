using Ksplice.Source.Process;
using Ksplice.Package.Scratch;
using Xunit;

namespace Ksplice.Package.Tests.Scratch;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ScratchDirectoryTests : IDisposable
{
    private const string Prefix = "ksplice-scratch-test-";
    private readonly string _root = Directory.CreateTempSubdirectory("ksplice-scratch-root-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A pid above the kernel's limit (pid_max is at most 2^22): no process has it.</summary>
    private const int DeadPid = 9_999_999;

    private string Make(string name)
    {
        var path = Path.Combine(_root, name);
        Directory.CreateDirectory(Path.Combine(path, "pre"));
        File.WriteAllText(Path.Combine(path, "pre", "a.o"), "x");
        return path;
    }

    [Theory]
    [InlineData("ksplice-scratch-test-123-AbC9z1", 123)]
    [InlineData("ksplice-scratch-test-7-x", 7)]
    [InlineData("ksplice-scratch-test-abc-x", null)]
    [InlineData("ksplice-scratch-test-123", null)]
    [InlineData("ksplice-scratch-test-123-", null)]
    [InlineData("ksplice-scratch-test--1-x", null)]
    [InlineData("ksplice-scratch-test-+12-x", null)]
    [InlineData("other-123-x", null)]
    public void PidIsReadFromTheName(string name, int? pid) => Assert.Equal(pid, ScratchDirectory.Pid(name, Prefix));

    [Fact]
    public void DirectoriesOfDeadProcessesAreRemoved()
    {
        var stale = Make($"{Prefix}{DeadPid}-aaaaaa");
        var removed = ScratchDirectory.RemoveStale(Prefix, _root);
        Assert.Equal([stale], removed);
        Assert.False(Directory.Exists(stale));
    }

    [Fact]
    public void DirectoriesOfRunningProcessesAndOtherNamesStay()
    {
        var mine = Make($"{Prefix}{Environment.ProcessId}-bbbbbb");
        var init = Make($"{Prefix}1-cccccc");
        var other = Make($"ksplice-other-{DeadPid}-dddddd");
        var unparsable = Make($"{Prefix}x-eeeeee");
        Assert.Empty(ScratchDirectory.RemoveStale(Prefix, _root));
        Assert.All(new[] { mine, init, other, unparsable }, d => Assert.True(Directory.Exists(d), d));
    }

    [Fact]
    public void ALinkIsNeverFollowedNorRemoved()
    {
        var target = Make("target");
        var link = Path.Combine(_root, $"{Prefix}{DeadPid}-ffffff");
        Directory.CreateSymbolicLink(link, target);
        Assert.Empty(ScratchDirectory.RemoveStale(Prefix, _root));
        Assert.True(File.Exists(Path.Combine(target, "pre", "a.o")));
        Assert.NotNull(new DirectoryInfo(link).LinkTarget);
    }

    /// <summary>Another user's directory (the tests run as root, as CI does: chown needs it) stays.</summary>
    [Fact]
    public void AnotherUsersDirectoryIsNotRemoved()
    {
        var theirs = Make($"{Prefix}{DeadPid}-hhhhhh");
        ProcessRunner.Default.RunChecked("chown", "-R", "65534:65534", theirs);
        Assert.Empty(ScratchDirectory.RemoveStale(Prefix, _root));
        Assert.True(File.Exists(Path.Combine(theirs, "pre", "a.o")));
    }

    [Fact]
    public void AFileIsNotRemoved()
    {
        var file = Path.Combine(_root, $"{Prefix}{DeadPid}-gggggg");
        File.WriteAllText(file, "x");
        Assert.Empty(ScratchDirectory.RemoveStale(Prefix, _root));
        Assert.True(File.Exists(file));
    }

    [Fact]
    public void CreateMakesAPrivateDirectoryNamedAfterThisProcess()
    {
        var path = ScratchDirectory.Create(Prefix);
        try
        {
            Assert.Equal(Environment.ProcessId, ScratchDirectory.Pid(Path.GetFileName(path), Prefix));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
        }
        finally
        {
            Directory.Delete(path);
        }
    }
}
