using Ksplice.Diff.Model;

namespace Ksplice.Diff;

/// <summary>
/// Prints an <see cref="ObjectDiff"/> as text lines, one per item, in a stable order: functions (changed, new,
/// removed), data, refusals; with <c>verbose</c>, also the renamed twins and the notes. The CLI prints the lines.
/// </summary>
public static class ObjectDiffPrinter
{
    public static IReadOnlyList<string> Print(ObjectDiff diff, bool verbose = false)
    {
        var lines = new List<string>();
        foreach (var f in diff.Functions) lines.Add(Function(f));
        foreach (var d in diff.Data) lines.Add(Data(d));
        foreach (var r in diff.Refusals)
        {
            lines.Add(Refusal(r));
            if (verbose) lines.Add("  remedy: " + RefusalText.Remedy(r.Reason));
        }
        if (!verbose) return lines;
        foreach (var (post, pre) in diff.Correlation.Where(kv => kv.Key.Name != kv.Value.Name && !kv.Key.IsSection)
                     .OrderBy(kv => kv.Key.Name, StringComparer.Ordinal))
            lines.Add($"twin {post.Name} = {pre.Name} ({diff.CorrelationRules.GetValueOrDefault(post, "correlated")})");
        foreach (var note in diff.Notes) lines.Add("note: " + note);
        lines.Add(Summary(diff));
        return lines;
    }

    public static string Function(FunctionChange f) => f.Kind switch
    {
        ChangeKind.Changed => $"changed function {f.Name} ({Sections(f.PostSection?.Name, f.PostCold)}): {f.Reason}",
        ChangeKind.New => $"new function {f.Name} ({Sections(f.PostSection?.Name, f.PostCold)})",
        ChangeKind.Removed => $"removed function {f.Name} ({Sections(f.PreSection?.Name, f.PreCold)})",
        _ => $"unchanged function {f.Name}",
    };

    public static string Data(DataChange d) => d.Kind switch
    {
        ChangeKind.New => $"new data {d.Name} ({d.Post!.Section?.Name}, {d.Post.Size} bytes)",
        ChangeKind.Changed => $"changed data {d.Name} ({d.Post!.Section?.Name}, {d.Post.Size} bytes): {d.Reason}",
        ChangeKind.Removed => $"removed data {d.Name} ({d.Pre!.Section?.Name}, {d.Pre.Size} bytes)",
        _ => $"unchanged data {d.Name}",
    };

    public static string Refusal(Refusal r) =>
        $"refused {RefusalText.Subject(r.Reason)} {r.Symbol}: {RefusalText.Explain(r.Reason)}{(r.Detail.Length > 0 ? $" ({r.Detail})" : "")}";

    public static string Summary(ObjectDiff diff) =>
        $"{diff.ObjectPath}: {diff.Changed.Count()} changed, {diff.Added.Count()} new, {diff.Removed.Count()} removed function(s); "
        + $"{diff.IncludedData.Count()} data item(s) included; {diff.Refusals.Count} refusal(s)";

    private static string Sections(string? section, Ksplice.Elf.Model.ElfSymbol? cold) =>
        cold?.Section is { } c ? $"{section}, cold part {cold.Name} in {c.Name}" : section ?? "?";
}
