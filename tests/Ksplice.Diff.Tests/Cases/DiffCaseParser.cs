using Ksplice.Diff.Model;
using Ksplice.TestSupport.Cases;

namespace Ksplice.Diff.Tests.Cases;

/// <summary>
/// Reads differ case files (lines from <see cref="CaseFile"/>: one case per line, <c>#</c> comments).
/// <code>name: changed=a,b new=c removed= data-new=x data-changed= data-removed= refused=y:DataInitialValueChanged twins=calls.2>calls.0 flags=-fipa-cp-clone</code>
/// The name is everything before the first <c>": "</c> (or a final <c>":"</c>), so it may hold spaces
/// (<c>printk-quoth kernel/printk/printk.o</c>). Errors are <see cref="CaseFileException"/>s naming the file and line.
/// </summary>
public static class DiffCaseParser
{
    private static readonly string[] Keys = ["changed", "new", "removed", "data-new", "data-changed", "data-removed", "refused", "twins", "flags"];

    public static IReadOnlyList<DiffCase> ParseFile(string path) => Parse(CaseFile.ReadPath(path));

    public static IReadOnlyList<DiffCase> Parse(string text, string fileName) => Parse(CaseFile.Parse(text, fileName));

    private static IReadOnlyList<DiffCase> Parse(IReadOnlyList<CaseLine> lines)
    {
        var cases = new List<DiffCase>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var c = ParseLine(line);
            if (!names.Add(c.Name)) throw line.Error($"case '{c.Name}' is already defined above; give each case a unique name");
            cases.Add(c);
        }
        return cases;
    }

    private static DiffCase ParseLine(CaseLine caseLine)
    {
        var line = caseLine.Text;
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0 && line.EndsWith(':')) colon = line.Length - 1;
        if (colon <= 0) throw caseLine.Error("expected 'name: key=value ...' (a case name, a colon, then expectations)");
        var name = line[..colon].Trim();
        var values = Keys.ToDictionary(k => k, _ => (IReadOnlyList<string>)[]);
        var seen = new HashSet<string>();
        foreach (var field in line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = field.IndexOf('=');
            if (eq <= 0) throw caseLine.Error($"'{field}' is not key=value; keys are {string.Join(", ", Keys)}");
            var key = field[..eq];
            if (!Keys.Contains(key)) throw caseLine.Error($"unknown key '{key}'; keys are {string.Join(", ", Keys)}");
            if (!seen.Add(key)) throw caseLine.Error($"key '{key}' given twice; list all values once, comma-separated");
            values[key] = field[(eq + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries);
        }
        foreach (var r in values["refused"])
        {
            var parts = r.Split(':');
            if (parts.Length != 2 || parts[0].Length == 0 || !Enum.TryParse<RefusalReason>(parts[1], out _))
                throw caseLine.Error($"refusal '{r}' is not symbol:Reason; reasons are {string.Join(", ", Enum.GetNames<RefusalReason>())}");
        }
        var twins = new List<(string, string)>();
        foreach (var t in values["twins"])
        {
            var parts = t.Split('>');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                throw caseLine.Error($"twin '{t}' is not post>pre (e.g. calls.2>calls.0)");
            twins.Add((parts[0], parts[1]));
        }
        var expect = new DiffExpectation(Sorted(values["changed"]), Sorted(values["new"]), Sorted(values["removed"]),
            Sorted(values["data-new"]), Sorted(values["data-changed"]), Sorted(values["data-removed"]), Sorted(values["refused"]), twins);
        return new DiffCase(name, caseLine.File, caseLine.Line, values["flags"], expect);
    }

    private static List<string> Sorted(IEnumerable<string> items) => items.Order(StringComparer.Ordinal).ToList();
}
