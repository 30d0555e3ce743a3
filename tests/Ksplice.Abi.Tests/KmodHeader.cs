using System.Text.RegularExpressions;
using Ksplice.TestSupport;
using Xunit;

namespace Ksplice.Abi.Tests;

/// <summary>Reads the lists and constants of kmod/include/ as the C preprocessor would see them.</summary>
public static partial class KmodHeader
{
    public static string Path(string file) => System.IO.Path.Combine(RepoPaths.Root, "kmod", "include", file);

    /// <summary>The first argument of each <c>X(...)</c> in the X-macro <paramref name="macro"/>, in order.</summary>
    public static IReadOnlyList<string> List(string file, string macro)
    {
        var lines = File.ReadAllLines(Path(file));
        var start = Array.FindIndex(lines, l => l.StartsWith($"#define {macro}(X)", StringComparison.Ordinal));
        Assert.True(start >= 0, $"kmod/include/{file} defines no {macro}(X)");
        var body = new List<string>();
        for (var i = start; i < lines.Length; i++)
        {
            body.Add(lines[i]);
            if (!lines[i].TrimEnd().EndsWith('\\')) break;
        }
        return Entry().Matches(string.Join('\n', body)).Select(m => m.Groups[1].Value).ToList();
    }

    /// <summary>The value of <c>#define <paramref name="name"/> N</c>.</summary>
    public static int Constant(string file, string name)
    {
        var m = Regex.Match(File.ReadAllText(Path(file)), $@"^#define {name} (\d+)\s*$", RegexOptions.Multiline);
        Assert.True(m.Success, $"kmod/include/{file} defines no {name}");
        return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\bX\((\w+)")]
    private static partial Regex Entry();
}
