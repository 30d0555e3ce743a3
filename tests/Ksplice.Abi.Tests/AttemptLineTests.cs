using System.Text.RegularExpressions;
using Ksplice.TestSupport;
using Xunit;

namespace Ksplice.Abi.Tests;

public sealed partial class AttemptLineTests
{
    private const string Sample =
        "attempt 1: ok pause_ns=346970 work_ns=129975 cpus=2 enter_ns=163906 stopped_ns=132692 exit_ns=50371 " +
        "verify_ns=1164 scan_ns=105623 poke_ns=23187 arrive_ns=160699,162029 prepare_ns=145150 tasks=66 words=5280 " +
        "unwound=1 frames=13";

    [Fact]
    public void ParsesEveryKey()
    {
        var line = AttemptLine.Parse(Sample);
        Assert.Equal(new AttemptLine(1, AbortCause.Ok, 346970, 129975, 2, 163906, 132692, 50371, 1164, 105623, 23187,
            line.ArriveNs, 145150, 66, 5280, 1, 13), line);
        Assert.Equal([160699L, 162029L], line.ArriveNs);
    }

    /// <summary>One property per key, named after it (pause_ns: PauseNs), after Attempt and Cause.</summary>
    [Fact]
    public void HasAPropertyPerKeyInOrder()
    {
        var parameters = typeof(AttemptLine).GetConstructors().Single().GetParameters().Select(p => p.Name).ToList();
        var expected = new[] { "Attempt", "Cause" }.Concat(AttemptLine.Keys.Select(Pascal));
        Assert.Equal(expected, parameters);
    }

    [Fact]
    public void FindsTheAttemptLinesOfADebugFile()
    {
        var debug = "apply fix\nfoo (vmlinux): old 0x1+0x2 new 0x3+0x4 trampoline at +5\n" +
                    "code_busy: sh (pid 7) has on its stack: foo\n" +
                    Sample.Replace("attempt 1: ok", "attempt 1: code_busy", StringComparison.Ordinal) + "\n" +
                    Sample.Replace("attempt 1: ok", "attempt 2: ok", StringComparison.Ordinal).Replace("cpus=2", "cpus=4", StringComparison.Ordinal) + "\n";
        var lines = AttemptLine.FindAll(debug);
        Assert.Equal([(1, AbortCause.CodeBusy), (2, AbortCause.Ok)], lines.Select(l => (l.Attempt, l.Cause)));
        Assert.Equal(4, lines[1].Cpus);
    }

    [Fact]
    public void NegativeTimesParse() =>
        Assert.Equal(-12, AttemptLine.Parse(Sample.Replace("exit_ns=50371", "exit_ns=-12", StringComparison.Ordinal)).ExitNs);

    [Fact]
    public void AnAttemptThatDidNotStopTheMachineIsNoAttemptLine() =>
        Assert.Empty(AttemptLine.FindAll("attempt 1: no_match (before stopping the machine)\n"));

    [Fact]
    public void OtherKeysAreRefused()
    {
        var e = Assert.Throws<FormatException>(() => AttemptLine.Parse("attempt 1: ok pause_ns=1 work_ns=2 cpus=2"));
        Assert.Contains("ksplice_attempt_line.h", e.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => AttemptLine.Parse(Sample.Replace("tasks=66", "tasks=many", StringComparison.Ordinal)));
    }

    /// <summary>
    /// The shell cases of the booted tests grep the debug file for attempt lines themselves (busybox has no .NET):
    /// every key they name must be one of the header's, so a renamed key fails here rather than in the guest.
    /// </summary>
    [Fact]
    public void ShellCasesNameOnlyTheKernelsKeys()
    {
        var keys = KmodHeader.List("ksplice_attempt_line.h", "KSPLICE_ATTEMPT_KEYS");
        var scripts = Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "vm", "cases"), "*.sh")
            .Append(Path.Combine(RepoPaths.Root, "bench", "Ksplice.Bench", "Guest", "bench-cases.sh"));
        var named = scripts.SelectMany(s => ShellAttemptKey().Matches(File.ReadAllText(s))
            .Select(m => (Script: Path.GetFileName(s), Key: m.Groups[1].Value))).ToList();
        Assert.NotEmpty(named);
        Assert.All(named, n => Assert.True(keys.Contains(n.Key), $"{n.Script} greps for {n.Key}=, which is not in ksplice_attempt_line.h"));
    }

    private static string Pascal(string key) =>
        string.Concat(key.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    [GeneratedRegex(@"attempt [\dN]+: \w+ (\w+)=")]
    private static partial Regex ShellAttemptKey();
}
