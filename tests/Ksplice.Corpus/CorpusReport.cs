using System.Globalization;
using System.Text;
using Ksplice.Vm;

namespace Ksplice.Corpus;

/// <summary>Every case's result and the boot they ran in; prints as one table, the reason wrapped under its column.</summary>
public sealed record CorpusReport(IReadOnlyList<CaseResult> Results, GuestResult? Guest)
{
    public const int ReasonWidth = 100;

    /// <summary>Every case as expected, and the guest (if it booted) healthy from start to poweroff.</summary>
    public bool AllAsExpected => Results.All(r => r.AsExpected) && (Guest is null || Guest.Healthy);

    public CaseResult Case(string name) => Results.Single(r => r.Case.Name == name);

    public string Table()
    {
        var rows = Results.Select(r => new[]
        {
            r.Case.Name, r.Case.ExpectWord, (r.AsExpected ? "" : "MISS ") + r.OutcomeWord,
            Seconds(r.CreateTime), r.ApplyTime is { } a ? Seconds(a) : "-", r.Reason,
        }).ToList();
        string[] header = ["case", "expected", "result", "create", "apply", "reason"];
        var widths = Enumerable.Range(0, header.Length - 1)
            .Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToList();
        var s = new StringBuilder();
        void Row(string[] cells)
        {
            for (var i = 0; i < cells.Length - 1; i++) s.Append(cells[i].PadRight(widths[i])).Append("  ");
            s.Append(cells[^1]).Append('\n');
        }
        Row(header);
        foreach (var row in rows)
        {
            var reason = Summary.Wrap(row[^1], ReasonWidth);
            Row([.. row[..^1], reason[0]]);
            foreach (var more in reason.Skip(1)) Row([.. row[..^1].Select(_ => ""), more]);
        }
        var hits = Results.Count(r => r.AsExpected);
        s.Append(CultureInfo.InvariantCulture, $"{hits} of {Results.Count} cases as expected");
        if (Guest is not null)
            s.Append(CultureInfo.InvariantCulture, $"; one boot of {Guest.Elapsed.TotalSeconds:0} s, {(Guest.Healthy ? "healthy" : "NOT healthy")}");
        s.Append('\n');
        if (Guest is { Healthy: false }) s.Append(Guest.Describe());
        return s.ToString();
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
