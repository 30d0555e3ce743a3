using Ksplice.Package.Tests;
using Ksplice.Source.Process;
using Xunit;

namespace Ksplice.Debian.Tests;

/// <summary>
/// The maintainer scripts of a written update package, run with /bin/sh against stand-ins for uname, ksplice-apply,
/// ksplice-view and ksplice-undo that record their arguments and answer as the test says.
/// </summary>
public sealed class MaintainerScriptTests
{
    private const string Release = "6.1.0-56-amd64";
    private readonly string _control = SamplePackage.Scratch();
    private readonly string _bin = SamplePackage.Scratch();
    private readonly string _calls;

    public MaintainerScriptTests()
    {
        var deb = new UpdateDebWriter(ProcessRunner.Default).Write(new UpdateDebRequest(SamplePackage.Tarball("abc_123"), SamplePackage.Scratch()));
        Tool.Output("dpkg-deb", "--control", deb.Path, _control);
        _calls = Path.Combine(_bin, "calls");
        Fake("uname", 0, Release);
    }

    /// <summary>A command that records "name args" and prints <paramref name="output"/>, exiting <paramref name="exit"/>.</summary>
    private void Fake(string name, int exit, string output = "")
    {
        var path = Path.Combine(_bin, name);
        File.WriteAllText(path, $"#!/bin/sh\necho \"{name} $*\" >> {_calls}\n[ -z '{output}' ] || echo '{output}'\nexit {exit}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private ProcessResult Script(string script, string argument) =>
        Tool.Run("/bin/sh", [Path.Combine(_control, script), argument], environment: new Dictionary<string, string?> { ["PATH"] = $"{_bin}:/usr/bin:/bin" });

    private string[] Calls() => File.Exists(_calls) ? File.ReadAllLines(_calls).Where(c => !c.StartsWith("uname", StringComparison.Ordinal)).ToArray() : [];

    [Fact]
    public void PostinstOnTheUpdatesKernelAppliesTheInstalledUpdates()
    {
        Fake("ksplice-apply", 0);

        var result = Script("postinst", "configure");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["ksplice-apply --all"], Calls());
    }

    [Fact]
    public void PostinstOnAnotherKernelAppliesNothingSaysWhyAndSucceeds()
    {
        Fake("uname", 0, "6.1.0-57-amd64");
        Fake("ksplice-apply", 0);

        var result = Script("postinst", "configure");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"update abc_123 is for kernel {Release}, but 6.1.0-57-amd64 is running: installed, not applied", result.StandardOutput);
        Assert.Empty(Calls());
    }

    [Fact]
    public void PostinstWhoseApplyFailsReportsItWithoutFailingTheInstall()
    {
        Fake("ksplice-apply", 1);

        var result = Script("postinst", "configure");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("were not all applied", result.StandardError);
    }

    [Fact]
    public void PrermUndoesAnAppliedUpdate()
    {
        Fake("ksplice-view", 0, "abc_123");
        Fake("ksplice-undo", 0);

        Assert.Equal(0, Script("prerm", "remove").ExitCode);
        Assert.Equal(["ksplice-view --id=abc_123 -q", "ksplice-undo abc_123"], Calls());
    }

    [Fact]
    public void PrermFailsTheRemovalWhenTheUndoIsRefused()
    {
        Fake("ksplice-view", 0, "abc_123");
        Fake("ksplice-undo", 3);

        var result = Script("prerm", "remove");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("update abc_123 stays applied and installed", result.StandardError);
    }

    [Fact]
    public void PrermOfAnUpdateThatIsNotAppliedUndoesNothing()
    {
        Fake("ksplice-view", 1);
        Fake("ksplice-undo", 0);

        Assert.Equal(0, Script("prerm", "remove").ExitCode);
        Assert.Equal(["ksplice-view --id=abc_123 -q"], Calls());
    }

    [Fact]
    public void PrermOnAnotherKernelLeavesAnUpdateOfTheSameIdAppliedAndSaysWhy()
    {
        Fake("uname", 0, "6.1.0-57-amd64");
        Fake("ksplice-view", 0, "abc_123");
        Fake("ksplice-undo", 0);

        var result = Script("prerm", "remove");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"update abc_123 is for kernel {Release}, but 6.1.0-57-amd64 is running: nothing to undo", result.StandardOutput);
        Assert.Empty(Calls());
    }

    [Fact]
    public void PrermOfAnUpgradeKeepsTheUpdateApplied()
    {
        Fake("ksplice-view", 0, "abc_123");
        Fake("ksplice-undo", 0);

        Assert.Equal(0, Script("prerm", "upgrade").ExitCode);
        Assert.Empty(Calls());
    }
}
