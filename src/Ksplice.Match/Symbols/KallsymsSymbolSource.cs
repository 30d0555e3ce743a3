namespace Ksplice.Match.Symbols;

/// <summary>
/// A minimal reader of <c>/proc/kallsyms</c> text (<c>address type name [module]</c> per line), indexed by name.
/// Lines it cannot read are skipped and counted. (The target side's full kallsyms model lives in Ksplice.Apply.)
/// </summary>
public sealed class KallsymsSymbolSource : ISymbolSource
{
    // A name maps to its one KernelSymbol, or to a List<KernelSymbol> when it occurs more than once.
    private readonly Dictionary<string, object> _byName;
    private readonly HashSet<string> _modules;

    private KallsymsSymbolSource(Dictionary<string, object> byName, HashSet<string> modules, int count, int skipped)
    {
        _byName = byName;
        _modules = modules;
        Count = count;
        SkippedLines = skipped;
    }

    public int Count { get; }
    public int SkippedLines { get; }

    public IReadOnlyCollection<string> Modules => _modules;

    public IReadOnlyList<KernelSymbol> Lookup(string name) => _byName.GetValueOrDefault(name) switch
    {
        KernelSymbol one => [one],
        List<KernelSymbol> many => many,
        _ => [],
    };

    /// <summary>
    /// Reads a kallsyms file: /proc/kallsyms (which reports size 0, and is much slower to read in small pieces) or a copy.
    /// </summary>
    public static KallsymsSymbolSource Load(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        using var text = new MemoryStream();
        file.CopyTo(text, 1 << 20);
        return Parse(text.GetBuffer().AsSpan(0, (int)text.Length));
    }

    public static KallsymsSymbolSource Parse(TextReader reader) => Parse(System.Text.Encoding.Latin1.GetBytes(reader.ReadToEnd()));

    /// <summary>
    /// Parses kallsyms text. Works on bytes, one string per distinct name and module, and a list only for names that
    /// occur more than once: /proc/kallsyms has ~100,000 lines and this runs inside slow (TCG) guests too.
    /// </summary>
    public static KallsymsSymbolSource Parse(ReadOnlySpan<byte> text)
    {
        var byName = new Dictionary<string, object>(1 << 17, StringComparer.Ordinal);
        var modules = new HashSet<string>(StringComparer.Ordinal);
        var lastModule = new ModuleCache();
        int count = 0, skipped = 0;
        while (text.Length > 0)
        {
            var newline = text.IndexOf((byte)'\n');
            var line = newline >= 0 ? text[..newline] : text;
            text = newline >= 0 ? text[(newline + 1)..] : [];
            var symbol = ParseLine(line, lastModule);
            if (symbol is null)
            {
                if (line.Trim((byte)' ').Trim((byte)'\r').Length > 0) skipped++;
                continue;
            }
            ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(byName, symbol.Name, out var exists);
            slot = !exists ? symbol : slot is List<KernelSymbol> list ? Add(list, symbol) : new List<KernelSymbol>(2) { (KernelSymbol)slot!, symbol };
            if (symbol.Module is { } m) modules.Add(m);
            count++;
        }
        return new KallsymsSymbolSource(byName, modules, count, skipped);
    }

    private static List<KernelSymbol> Add(List<KernelSymbol> list, KernelSymbol symbol)
    {
        list.Add(symbol);
        return list;
    }

    /// <summary>The last module name seen: a module's lines come together, so one string serves them all.</summary>
    private sealed class ModuleCache
    {
        private byte[] _bytes = [];
        private string _name = "";

        public string Get(ReadOnlySpan<byte> name)
        {
            if (!name.SequenceEqual(_bytes))
            {
                _bytes = name.ToArray();
                _name = System.Text.Encoding.Latin1.GetString(name);
            }
            return _name;
        }
    }

    private static KernelSymbol? ParseLine(ReadOnlySpan<byte> line, ModuleCache modules)
    {
        while (line.Length > 0 && line[^1] is (byte)'\r' or (byte)' ' or (byte)'\t') line = line[..^1];
        ulong address = 0;
        var i = 0;
        for (; i < line.Length && line[i] != ' '; i++)
        {
            var c = line[i];
            var digit = c is >= (byte)'0' and <= (byte)'9' ? c - '0' : (c | 0x20) is >= 'a' and <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
            if (digit < 0 || i >= 16) return null;
            address = address << 4 | (uint)digit;
        }
        if (i == 0 || i + 3 >= line.Length || line[i + 2] != ' ') return null;
        var type = (char)line[i + 1];
        var rest = line[(i + 3)..];
        string? module = null;
        var tab = rest.IndexOfAny((byte)'\t', (byte)' ');
        if (tab >= 0)
        {
            var tail = rest[(tab + 1)..].Trim((byte)' ');
            if (tail.Length < 3 || tail[0] != '[' || tail[^1] != ']') return null;
            module = modules.Get(tail[1..^1]);
            rest = rest[..tab];
        }
        return rest.Length == 0 ? null : new KernelSymbol(System.Text.Encoding.Latin1.GetString(rest), address, type, module);
    }
}
