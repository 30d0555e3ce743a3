using System.Globalization;
using System.Text.RegularExpressions;
using Ksplice.Vm;

namespace Ksplice.Corpus;

/// <summary>Turns what create and the guest reported for a case into its outcome and reason.</summary>
public static partial class CaseJudge
{
    /// <summary>The outcome from ksplice-create alone, or null when the update must be tried in the guest.</summary>
    public static CaseResult? FromCreate(CorpusCase c, CreateRun create)
    {
        if (create.Crashed) return Result(c, create, CaseOutcome.Failed, "ksplice-create crashed: " + create.Reason);
        if (create.ExitCode == CreateRun.NoChangesExitCode)
        {
            return create.Error.Contains("No changes detected", StringComparison.Ordinal)
                ? Result(c, create, CaseOutcome.NoChange, c.Expect == CorpusExpectation.NoChange ? "" : create.Reason)
                : Result(c, create, CaseOutcome.Failed, "exit 66 without \"No changes detected\": " + create.Reason);
        }
        if (create.ExitCode != 0)
        {
            return create.Reason.Length > 0
                ? Result(c, create, CaseOutcome.RefusedAtCreate, create.Reason)
                : Result(c, create, CaseOutcome.Failed, $"ksplice-create exited {create.ExitCode} without saying why");
        }
        if (create.Tarball is null) return Result(c, create, CaseOutcome.Failed, "ksplice-create exited 0 but wrote no tarball");
        return c.Expect == CorpusExpectation.NoChange
            ? Result(c, create, CaseOutcome.Created, "ksplice-create made an update: " + Summary.Of(create.Output))
            : null;
    }

    /// <summary>The row of a case that cannot be tried, with why (<see cref="CaseOutcome.Error"/>).</summary>
    public static CaseResult Error(CorpusCase c, CreateRun? create, string reason) =>
        new(c, CaseOutcome.Error, create?.Elapsed ?? TimeSpan.Zero, null, reason);

    /// <summary>
    /// The error row of a case whose guest would need a module the guest kernel neither has as a file nor builds in, or
    /// null when it has every one: the update's target modules and those its setup loads.
    /// </summary>
    public static CaseResult? FromModules(CorpusCase c, CreateRun create, ModuleIndex modules, IEnumerable<string> targets, IEnumerable<string> setup)
    {
        var missing = targets.Select(m => (Module: m, Text: $"the update targets module {m}"))
            .Concat(setup.Select(m => (Module: m, Text: $"setup loads module {m}")))
            .Where(x => modules.Resolve(x.Module).Count == 0 && !modules.IsBuiltin(x.Module))
            .Select(x => x.Text).ToList();
        return missing.Count == 0 ? null
            : Error(c, create, $"{string.Join("; ", missing)}, which {modules.Directory} has neither in modules.dep nor built in (modules.builtin)");
    }

    /// <summary>The outcome of a case that ran in the guest (corpus_apply_undo or corpus_refused in guest/corpus.sh).</summary>
    public static CaseResult FromGuest(CorpusCase c, CreateRun create, GuestResult guest)
    {
        var run = guest.Case(c.Id);
        var applyTime = ApplyTime(run.Output);
        var problems = guest.Problems.Where(p => p.Case == c.Id).ToList();
        if (problems.Count > 0)
            return Result(c, create, CaseOutcome.Failed, "kernel problem: " + Summary.Of(problems[0].ToString(), 3), applyTime);
        if (!run.Began || !run.Finished)
            return Result(c, create, CaseOutcome.Failed, Summary.Of(run.Describe()) + "; " + Summary.Of(guest.Describe()), applyTime);
        var refused = RefusedLine().Match(run.Output);
        if (run.Passed && refused.Success)
            return Result(c, create, CaseOutcome.RefusedAtApply, refused.Groups["reason"].Value.Trim(), applyTime);
        if (run.Passed && run.Output.Contains($"PASS: {c.Id}", StringComparison.Ordinal))
            return Result(c, create, CaseOutcome.Applied, "", applyTime);
        if (run.Output.Contains("ksplice-apply accepted the update", StringComparison.Ordinal))
            return Result(c, create, CaseOutcome.Applied, "ksplice-apply accepted an update the case expects to be refused", applyTime);
        var fail = FailLine().Match(run.Output);
        return Result(c, create, CaseOutcome.Failed,
            fail.Success ? fail.Groups["reason"].Value.Trim() : $"exit {run.ExitCode}: " + Summary.Of(Tail(run.Output)), applyTime);
    }

    private static CaseResult Result(CorpusCase c, CreateRun create, CaseOutcome outcome, string reason, TimeSpan? apply = null) =>
        new(c, outcome, create.Elapsed, apply, reason);

    private static TimeSpan? ApplyTime(string output)
    {
        var m = ApplyTimeLine().Match(output);
        return m.Success ? TimeSpan.FromMilliseconds(10 * long.Parse(m.Groups["cs"].Value, CultureInfo.InvariantCulture)) : null;
    }

    private static string Tail(string output)
    {
        var lines = output.Replace("\r", "").TrimEnd().Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 3)));
    }

    [GeneratedRegex(@"^TIME: apply_cs=(?<cs>\d+)", RegexOptions.Multiline)]
    private static partial Regex ApplyTimeLine();

    [GeneratedRegex(@"^REFUSED: [^:]+: (?<reason>.*)$", RegexOptions.Multiline)]
    private static partial Regex RefusedLine();

    [GeneratedRegex(@"^FAIL: (?<reason>.*)$", RegexOptions.Multiline)]
    private static partial Regex FailLine();
}
