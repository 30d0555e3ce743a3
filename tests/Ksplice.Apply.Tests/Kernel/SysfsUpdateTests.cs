using Ksplice.Abi;
using Ksplice.Apply.Kernel;
using Xunit;

namespace Ksplice.Apply.Tests.Kernel;

/// <summary>SysfsUpdate against a directory laid out like /sys/kernel/ksplice (the real one is exercised in the VM tests).</summary>
public sealed class SysfsUpdateTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ksplice-sysfs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private SysfsUpdate Fake(string id, string stage, string cause, string conflicts = "", string debug = "")
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, id)).FullName;
        File.WriteAllText(Path.Combine(dir, "stage"), stage + "\n");
        File.WriteAllText(Path.Combine(dir, "abort_cause"), cause + "\n");
        File.WriteAllText(Path.Combine(dir, "conflicts"), conflicts);
        File.WriteAllText(Path.Combine(dir, "debug"), debug);
        return new SysfsUpdate(id, _root);
    }

    [Fact]
    public void ReadsEveryFile()
    {
        var update = Fake("abc123de", "preparing", "code_busy", "ksplice_busy 127 ksplice_busy_wait\n", "attempt 1: code_busy\n");
        var result = update.ReadResult();
        Assert.True(update.Exists);
        Assert.Equal(UpdateStage.Preparing, result.Stage);
        Assert.Equal(AbortCause.CodeBusy, result.AbortCause);
        Assert.Equal("ksplice_busy 127 ksplice_busy_wait", Assert.Single(result.Conflicts).ToString());
        Assert.Equal("attempt 1: code_busy\n", result.Debug);
        Assert.False(result.Reached(UpdateStage.Applied));
        Assert.Equal(["abc123de"], SysfsUpdate.List(_root));
    }

    [Fact]
    public void RequestStageWritesTheWord()
    {
        var update = Fake("abc123de", "preparing", "ok");
        update.RequestStage(UpdateStage.Applied);
        Assert.Equal("applied\n", File.ReadAllText(Path.Combine(update.Directory, "stage")));
        var result = update.Reverse();
        Assert.Equal("reversed\n", File.ReadAllText(Path.Combine(update.Directory, "stage")));
        Assert.True(result.Reached(UpdateStage.Reversed));
        Assert.Throws<ArgumentException>(() => update.RequestStage(UpdateStage.Preparing));
    }

    [Fact]
    public void MissingUpdateSaysSo()
    {
        var update = new SysfsUpdate("gone", _root);
        Assert.False(update.Exists);
        var e = Assert.Throws<IOException>(() => update.Stage);
        Assert.Contains("no update gone is loaded", e.Message, StringComparison.Ordinal);
        Assert.Empty(SysfsUpdate.List(Path.Combine(_root, "none")));
    }

    [Fact]
    public void UnknownStageOrCauseIsAFormatError()
    {
        Assert.Throws<FormatException>(() => Fake("a", "cleanup", "ok").Stage);
        Assert.Throws<FormatException>(() => Fake("b", "applied", "bad_system_map").AbortCause);
    }

    [Fact]
    public void ConflictLinesAllowSpacesInTheCommand()
    {
        var conflicts = SysfsUpdate.ParseConflicts("Web Content 4242 vfs_read do_sys_poll\nkworker/0:1 12 f\nsh 93\n");
        Assert.Equal(new[] { "Web Content", "kworker/0:1", "sh" }, conflicts.Select(c => c.Command));
        Assert.Equal(new[] { 4242, 12, 93 }, conflicts.Select(c => c.Pid));
        Assert.Equal(new[] { "vfs_read", "do_sys_poll" }, conflicts[0].Symbols);
        Assert.Empty(conflicts[2].Symbols);
        Assert.Throws<FormatException>(() => SysfsUpdate.ParseConflicts("nopid here\n"));
    }
}
