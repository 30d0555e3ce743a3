using System.Text.RegularExpressions;

namespace Ksplice.Source.Affected;

/// <summary>Reads the <c>#include</c> lines of one source or header file.</summary>
public static partial class IncludeScanner
{
    [GeneratedRegex("""^\s*#\s*include\s*([<"])([^>"]+)[>"]""")]
    private static partial Regex Include();

    public static IReadOnlyList<IncludeDirective> Scan(string path)
    {
        List<IncludeDirective>? list = null;
        foreach (var line in File.ReadLines(path))
        {
            if (line.IndexOf('#') < 0 || !line.Contains("include", StringComparison.Ordinal)) continue;
            var m = Include().Match(line);
            if (m.Success) (list ??= []).Add(new IncludeDirective(m.Groups[2].Value.Trim(), m.Groups[1].Value == "<"));
        }
        return (IReadOnlyList<IncludeDirective>?)list ?? [];
    }
}
