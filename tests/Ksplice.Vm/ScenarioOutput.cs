using System.Globalization;
using System.Text;

namespace Ksplice.Vm;

/// <summary>What the guest wrote on ttyS1, split per case (protocol: see <see cref="Scenario"/>).</summary>
public sealed class ScenarioOutput
{
    private readonly Dictionary<string, ScenarioCase> _cases;

    private ScenarioOutput(bool booted, bool done, Dictionary<string, ScenarioCase> cases, IReadOnlyList<string> order)
    {
        Booted = booted;
        Done = done;
        _cases = cases;
        CaseOrder = order;
    }

    /// <summary>/init started and wrote <c>@@BOOTED</c>.</summary>
    public bool Booted { get; }

    /// <summary>The scenario ran to its end (<c>@@DONE</c>).</summary>
    public bool Done { get; }

    /// <summary>Names of the cases that began, in order.</summary>
    public IReadOnlyList<string> CaseOrder { get; }

    public IEnumerable<ScenarioCase> Cases => CaseOrder.Select(n => _cases[n]);

    /// <summary>The case by name; a case that never began is reported as such, not thrown.</summary>
    public ScenarioCase Case(string name) =>
        _cases.TryGetValue(name, out var c) ? c : new ScenarioCase(name, false, null, "");

    public static ScenarioOutput Parse(string serial)
    {
        var cases = new Dictionary<string, ScenarioCase>(StringComparer.Ordinal);
        var order = new List<string>();
        bool booted = false, done = false;
        string? current = null;
        var output = new StringBuilder();

        foreach (var raw in serial.Replace("\r", "").Split('\n'))
        {
            if (raw.StartsWith("@@BOOTED", StringComparison.Ordinal)) { booted = true; continue; }
            if (raw == "@@DONE") { done = true; continue; }
            if (raw.StartsWith("@@BEGIN ", StringComparison.Ordinal))
            {
                Close(null);
                current = raw["@@BEGIN ".Length..].Trim();
                if (!order.Contains(current)) order.Add(current);
                continue;
            }
            if (raw.StartsWith("@@END ", StringComparison.Ordinal) && current is not null)
            {
                var rc = raw.LastIndexOf(" rc=", StringComparison.Ordinal);
                Close(rc > 0 && int.TryParse(raw[(rc + 4)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : -1);
                continue;
            }
            if (current is not null) output.Append(raw).Append('\n');
        }
        Close(null);
        return new ScenarioOutput(booted, done, cases, order);

        void Close(int? exitCode)
        {
            if (current is null) return;
            cases[current] = new ScenarioCase(current, true, exitCode, output.ToString());
            current = null;
            output.Clear();
        }
    }
}
