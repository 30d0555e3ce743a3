using System.Text.RegularExpressions;

namespace Ksplice.Source.Kernel;

/// <summary>Reads the <c>#define NAME "value"</c> lines of a generated kernel header (utsrelease.h, compile.h...).</summary>
public static partial class CDefines
{
    [GeneratedRegex("""^\s*#\s*define\s+(\w+)\s+"((?:[^"\\]|\\.)*)"\s*$""")]
    private static partial Regex StringDefine();

    /// <summary>Every string-valued define of the file, by name; an empty map when the file is missing.</summary>
    public static IReadOnlyDictionary<string, string> ReadStrings(string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path)) return result;
        foreach (var line in File.ReadLines(path))
        {
            var m = StringDefine().Match(line);
            if (m.Success) result[m.Groups[1].Value] = Regex.Unescape(m.Groups[2].Value);
        }
        return result;
    }
}
