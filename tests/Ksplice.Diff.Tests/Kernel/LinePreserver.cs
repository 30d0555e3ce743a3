using System.Text.RegularExpressions;
using Ksplice.Source.Process;

namespace Ksplice.Diff.Tests.Kernel;

/// <summary>
/// What the integrator does before building the post tree (as the kernel's klp-build does): after every changed block
/// of a patched file, a <c>#line</c> directive gives the following lines their original numbers, so <c>__LINE__</c> in
/// unchanged code (__bug_table entries, dynamic-debug descriptors, fortify strings) stays as it was. The blocks come
/// from <c>diff -U0</c> between the pristine and patched copies, so patches applied with an offset are handled.
/// </summary>
public static partial class LinePreserver
{
    [GeneratedRegex(@"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")]
    private static partial Regex Hunk();

    /// <summary>Inserts the directives into <paramref name="patched"/>; returns how many.</summary>
    public static int Apply(IProcessRunner runner, string pristine, string patched)
    {
        var result = runner.Run(new ProcessSpec("diff", ["-U0", pristine, patched]));
        if (result.ExitCode > 1) throw new ProcessFailedException(result, $"comparing {pristine} with {patched}");
        var marks = new List<(int NewLine, int OldLine)>();
        foreach (var line in result.StandardOutput.Split('\n'))
        {
            var m = Hunk().Match(line);
            if (!m.Success) continue;
            int a = int.Parse(m.Groups[1].Value), b = m.Groups[2].Success ? int.Parse(m.Groups[2].Value) : 1;
            int c = int.Parse(m.Groups[3].Value), d = m.Groups[4].Success ? int.Parse(m.Groups[4].Value) : 1;
            // The first line after the block: in the new file c+d (c+1 when nothing was added), in the old one a+b (a+1).
            marks.Add((d == 0 ? c + 1 : c + d, b == 0 ? a + 1 : a + b));
        }
        var lines = File.ReadAllLines(patched).ToList();
        var inserted = 0;
        foreach (var (newLine, oldLine) in marks.OrderByDescending(m => m.NewLine))
        {
            var at = newLine - 1;
            if (at > lines.Count || (at > 0 && lines[at - 1].TrimEnd().EndsWith('\\'))) continue; // end of file, or inside a macro
            lines.Insert(at, $"#line {oldLine}");
            inserted++;
        }
        File.WriteAllLines(patched, lines);
        return inserted;
    }
}
