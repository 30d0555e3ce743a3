using Ksplice.Abi;
using Ksplice.Apply.Applying;
using Ksplice.Apply.Installed;
using Ksplice.Apply.Reporting;
using Ksplice.Apply.Target;

namespace Ksplice.Cli.Commands;

/// <summary>
/// ksplice-apply --all (what ksplice.service runs at boot): every installed update for the running kernel, in order,
/// one line each; the last line names every failure and its cause (systemctl status shows it); exit 1 if any failed.
/// With ksplice=off or /etc/ksplice/disable it applies nothing and says which.
/// </summary>
public static class ApplyAll
{
    public static int Run(CommandContext context, ApplyOptions options, Action<string> log)
    {
        using var kernel = new LinuxTargetKernel();
        var release = kernel.Running.Release;
        if (kernel.OffBecause() is { } off)
        {
            if (options.Json) context.Out.WriteLine(ReportJson.Text(ReportJson.All(release, off, [], _ => "")));
            else context.Out.WriteLine($"ksplice is off ({off}): no update applied");
            return ExitCodes.Ok;
        }
        var results = new InstalledUpdatesApplier(kernel, log).ApplyAll();
        var elsewhere = kernel.InstalledForOtherKernels();
        if (options.Json)
        {
            context.Out.WriteLine(ReportJson.Text(ReportJson.All(release, null, results, Cause, elsewhere)));
            foreach (var failed in results.Where(r => r.Failed)) context.Error.WriteLine($"ksplice-apply: {failed.Update.Id}: {Cause(failed)}");
        }
        else
        {
            foreach (var result in results)
            {
                var line = $"{result.Update.Id}: {(result.Failed ? "FAILED: " + Cause(result) : State(result))}";
                (result.Failed ? context.Error : context.Out).WriteLine(line);
                if (options.Debug && result.Report is { Debug.Length: > 0 } report) context.Out.Write(report.Debug);
            }
            foreach (var (other, update) in elsewhere)
                context.Out.WriteLine($"{update.Id}: not applied: installed for kernel {other}, but {release} is running ({update.Path})");
        }
        var failures = results.Where(r => r.Failed).ToList();
        var summary = $"{results.Count} update(s) installed for {release}: {results.Count(r => r.WasApplied)} already applied, " +
            $"{results.Count(r => r.Report?.Outcome == ApplyOutcome.Applied)} applied, {failures.Count} failed" +
            (elsewhere.Count > 0 ? $"; {elsewhere.Count} installed for other kernels, not applied" : "");
        if (failures.Count == 0)
        {
            if (!options.Json && !options.Quiet) context.Out.WriteLine(summary);
            return ExitCodes.Ok;
        }
        context.Error.WriteLine($"ksplice-apply: {summary}: {string.Join("; ", failures.Select(f => $"{f.Update.Id} ({ShortCause(f)})"))}");
        return ExitCodes.Error;
    }

    private static string State(InstalledUpdateResult result) =>
        result.WasApplied ? "already applied" : $"applied (matched in {result.Report!.MatchTime.TotalMilliseconds:0} ms, {result.Elapsed.TotalMilliseconds:0} ms in all)";

    private static string Cause(Exception e) => ApplyCommand.Describe(e) ?? e.Message;

    private static string Cause(InstalledUpdateResult result) => result.Error is { } e ? Cause(e)
        : $"aborted: {result.Report!.Cause.WireName()}{string.Concat(result.Report.Details.Select(d => "; " + d))}";

    /// <summary>The cause in a few words for the summary: the abort cause, or the error without the update's path, cut at
    /// 120 characters.</summary>
    private static string ShortCause(InstalledUpdateResult result)
    {
        if (result.Error is not { } e) return result.Report!.Cause.WireName();
        var text = Cause(e);
        var prefix = result.Update.Path + ": ";
        if (text.StartsWith(prefix, StringComparison.Ordinal)) text = text[prefix.Length..];
        return text.Length <= 120 ? text : text[..120] + "...";
    }
}
