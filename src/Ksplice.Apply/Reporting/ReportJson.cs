using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ksplice.Apply.Applying;
using Ksplice.Apply.Installed;
using Ksplice.Package;

namespace Ksplice.Apply.Reporting;

/// <summary>
/// The JSON documents of <c>ksplice-apply --json</c> (one update, or --all) for monitoring: per update its id,
/// description, state (<c>applied</c>, <c>already_applied</c>, <c>would_apply</c>, <c>aborted</c>, <c>failed</c>), abort
/// cause and details, conflicts, functions and timings in milliseconds. Field names are camelCase.
/// </summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Text(JsonNode node) => node.ToJsonString(Indented);

    public static string StateOf(ApplyOutcome outcome) => outcome switch
    {
        ApplyOutcome.Applied => "applied",
        ApplyOutcome.WouldApply => "would_apply",
        _ => "aborted",
    };

    /// <summary>One apply's report; <paramref name="total"/> is the whole command's time.</summary>
    public static JsonObject Report(ApplyReport report, TimeSpan total) => new()
    {
        ["id"] = report.Id,
        ["description"] = report.Description,
        ["state"] = StateOf(report.Outcome),
        ["abortCause"] = report.Outcome == ApplyOutcome.Aborted ? report.Cause.WireName() : null,
        ["details"] = Strings(report.Details),
        ["conflicts"] = Strings(report.Conflicts.Select(c => c.ToString())),
        ["notes"] = Strings(report.Notes),
        ["functions"] = new JsonArray(report.Match?.Functions.Select(f => (JsonNode)new JsonObject
        {
            ["name"] = f.Symbol,
            ["target"] = f.Target,
            ["address"] = Hex(f.Address),
            ["size"] = f.Size,
            ["trampolineOffset"] = f.TrampolineOffset,
        }).ToArray() ?? []),
        ["timings"] = Timings(report.MatchTime, total),
    };

    /// <summary>An apply that stopped before the kernel was asked (a refusal, a broken tarball), with the error's text.</summary>
    public static JsonObject Failed(string? id, string update, string error, TimeSpan total) => new()
    {
        ["id"] = id,
        ["update"] = update,
        ["state"] = "failed",
        ["error"] = error,
        ["timings"] = Timings(null, total),
    };

    /// <summary>ksplice-apply --all: the release, why nothing was applied when ksplice is off, each update, and the failed ids.</summary>
    public static JsonObject All(string release, string? offBecause, IReadOnlyList<InstalledUpdateResult> results, Func<Exception, string> describe,
        IReadOnlyList<(string Release, InstalledUpdate Update)>? otherKernels = null) => new()
    {
        ["release"] = release,
        ["off"] = offBecause,
        ["updates"] = new JsonArray(results.Select(r => (JsonNode)Result(r, describe)).ToArray()),
        ["failed"] = Strings(results.Where(r => r.Failed).Select(r => r.Update.Id)),
        ["otherKernels"] = new JsonArray((otherKernels ?? []).Select(o => (JsonNode)new JsonObject
        {
            ["id"] = o.Update.Id, ["release"] = o.Release, ["update"] = o.Update.Path, ["state"] = "not_applied",
        }).ToArray()),
    };

    private static JsonObject Result(InstalledUpdateResult result, Func<Exception, string> describe)
    {
        var node = result switch
        {
            { Error: { } e } => Failed(result.Update.Id, result.Update.Path, describe(e), result.Elapsed),
            { Report: { } report } => Report(report, result.Elapsed),
            _ => new JsonObject { ["id"] = result.Update.Id, ["state"] = "already_applied", ["timings"] = Timings(null, result.Elapsed) },
        };
        node["update"] = result.Update.Path;
        return node;
    }

    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    public static string Hex(ulong address) => "0x" + address.ToString("x", CultureInfo.InvariantCulture);

    private static JsonObject Timings(TimeSpan? match, TimeSpan total)
    {
        var timings = new JsonObject();
        if (match is { } m) timings["matchMs"] = Math.Round(m.TotalMilliseconds, 1);
        timings["totalMs"] = Math.Round(total.TotalMilliseconds, 1);
        return timings;
    }
}
