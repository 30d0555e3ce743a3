using Ksplice.Source.Process;
using Xunit;

namespace Ksplice.Vm.Tests;

/// <summary>The scenario protocol on its own: the generated script, run by the host's sh, and the parser.</summary>
public sealed class ScenarioTests
{
    [Fact]
    public void ParserSplitsCasesAndReadsStatus()
    {
        var output = ScenarioOutput.Parse(
            "@@BOOTED 6.1.0-x\r\nnoise\n@@BEGIN one\nline 1\nline 2\n@@END one rc=0\n@@BEGIN two\nboom\n@@END two rc=3\n" +
            "@@BEGIN three\nstill going\n");
        Assert.True(output.Booted);
        Assert.False(output.Done);
        Assert.Equal(["one", "two", "three"], output.CaseOrder);
        Assert.Equal(new ScenarioCase("one", true, 0, "line 1\nline 2\n"), output.Case("one"));
        Assert.Equal(3, output.Case("two").ExitCode);
        Assert.False(output.Case("two").Passed);
        Assert.True(output.Case("three").Began);
        Assert.False(output.Case("three").Finished);
        Assert.False(output.Case("four").Began);
        Assert.Contains("never began", output.Case("four").Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsBadAndDuplicateCaseNames()
    {
        Assert.Throws<ArgumentException>(() => new Scenario().Case("a b", "true"));
        Assert.Throws<ArgumentException>(() => new Scenario().Case("a", "true").Case("a"));
    }

    /// <summary>Runs the generated script with the host's sh, a stub lib.sh and fd 3 on stdout.</summary>
    [Fact]
    public void GeneratedScriptRunsCasesInOrderWithSetE()
    {
        var dir = Directory.CreateTempSubdirectory("ksplice-scenario-").FullName;
        try
        {
            var cases = Path.Combine(dir, "cases.sh");
            File.WriteAllText(cases, "case_fn() {\n\techo from function\n}\n");
            var script = new Scenario().Source(cases)
                .Case("first", "echo one\nfalse\necho unreachable")
                .Case("fn")
                .Case("last", "echo three >&2")
                .ToScript()
                .Replace($". {Initramfs.TestDirectory}/lib.sh\n", "", StringComparison.Ordinal)
                .Replace("/dev/kmsg", "/dev/null", StringComparison.Ordinal);
            var path = Path.Combine(dir, "scenario.sh");
            File.WriteAllText(path, script);

            var result = ProcessRunner.Default.RunChecked("sh", "-c", $"sh {path} 3>&1");
            var output = ScenarioOutput.Parse(result.StandardOutput);
            Assert.Equal(["first", "fn", "last"], output.CaseOrder);
            Assert.Equal(new ScenarioCase("first", true, 1, "one\n"), output.Case("first"));
            Assert.Equal(new ScenarioCase("fn", true, 0, "from function\n"), output.Case("fn"));
            Assert.Equal(new ScenarioCase("last", true, 0, "three\n"), output.Case("last"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
