using System.Globalization;

namespace Ksplice.Match.Symbols;

/// <summary>
/// A minimal reader of <c>/proc/kallsyms</c> text (<c>address type name [module]</c> per line), indexed by name.
/// Lines it cannot read are skipped and counted. (The target side's full kallsyms model lives in Ksplice.Apply.)
/// </summary>
public sealed class KallsymsSymbolSource : ISymbolSource
{
    private readonly Dictionary<string, List<KernelSymbol>> _byName;
    private readonly HashSet<string> _modules;

    private KallsymsSymbolSource(Dictionary<string, List<KernelSymbol>> byName, HashSet<string> modules, int count, int skipped)
    {
        _byName = byName;
        _modules = modules;
        Count = count;
        SkippedLines = skipped;
    }

    public int Count { get; }
    public int SkippedLines { get; }

    public IReadOnlyCollection<string> Modules => _modules;

    public IReadOnlyList<KernelSymbol> Lookup(string name) =>
        _byName.TryGetValue(name, out var list) ? list : [];

    public static KallsymsSymbolSource Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader);
    }

    public static KallsymsSymbolSource Parse(TextReader reader)
    {
        var byName = new Dictionary<string, List<KernelSymbol>>(StringComparer.Ordinal);
        var modules = new HashSet<string>(StringComparer.Ordinal);
        int count = 0, skipped = 0;
        while (reader.ReadLine() is { } line)
        {
            var symbol = ParseLine(line);
            if (symbol is null)
            {
                if (line.Trim().Length > 0) skipped++;
                continue;
            }
            if (!byName.TryGetValue(symbol.Name, out var list)) byName[symbol.Name] = list = new List<KernelSymbol>(1);
            list.Add(symbol);
            if (symbol.Module is { } m) modules.Add(m);
            count++;
        }
        return new KallsymsSymbolSource(byName, modules, count, skipped);
    }

    /// <summary>One line, or null when it is not a kallsyms entry.</summary>
    public static KernelSymbol? ParseLine(ReadOnlySpan<char> line)
    {
        line = line.TrimEnd();
        var space = line.IndexOf(' ');
        if (space <= 0 || !ulong.TryParse(line[..space], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var address))
            return null;
        var rest = line[(space + 1)..];
        if (rest.Length < 3 || rest[1] != ' ') return null;
        var type = rest[0];
        rest = rest[2..];
        string? module = null;
        var tab = rest.IndexOfAny('\t', ' ');
        if (tab >= 0)
        {
            var tail = rest[(tab + 1)..].Trim();
            if (tail.Length < 3 || tail[0] != '[' || tail[^1] != ']') return null;
            module = tail[1..^1].ToString();
            rest = rest[..tab];
        }
        return rest.Length == 0 ? null : new KernelSymbol(rest.ToString(), address, type, module);
    }
}
