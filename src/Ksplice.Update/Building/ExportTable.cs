namespace Ksplice.Update.Building;

/// <summary>One line of Module.symvers: an exported symbol, who exports it, and its namespace.</summary>
public sealed record ExportedSymbol(string Name, uint Crc, string Module, bool GplOnly, string Namespace);

/// <summary>
/// The symbols the kernel's module loader resolves by itself: everything Module.symvers of the target kernel's headers
/// lists (vmlinux and in-tree modules).
/// </summary>
public sealed class ExportTable
{
    private readonly Dictionary<string, ExportedSymbol> _symbols;

    private ExportTable(Dictionary<string, ExportedSymbol> symbols)
    {
        _symbols = symbols;
    }

    public static ExportTable Empty { get; } = new([]);

    public int Count => _symbols.Count;

    public ExportedSymbol? Find(string name) => _symbols.GetValueOrDefault(name);

    public bool IsExportedByVmlinux(string name) => _symbols.TryGetValue(name, out var e) && e.Module == "vmlinux";

    /// <summary>Parses Module.symvers: `0xcrc\tsymbol\tmodule\tEXPORT_SYMBOL[_GPL]\tnamespace`.</summary>
    public static ExportTable Parse(string text, string origin)
    {
        var symbols = new Dictionary<string, ExportedSymbol>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var f = line.Split('\t');
            if (f.Length < 4 || !f[0].StartsWith("0x", StringComparison.Ordinal))
                throw new FormatException($"{origin}:{lineNumber}: not a Module.symvers line: '{line}'");
            var crc = Convert.ToUInt32(f[0][2..], 16);
            symbols[f[1]] = new ExportedSymbol(f[1], crc, f[2], f[3].EndsWith("_GPL", StringComparison.Ordinal), f.Length > 4 ? f[4] : "");
        }
        return new ExportTable(symbols);
    }

    public static ExportTable Load(string moduleSymversPath) => Parse(File.ReadAllText(moduleSymversPath), moduleSymversPath);

    /// <summary>
    /// This table and the symbols ksplice_core.ko exports (<see cref="Ksplice.Abi.CoreExports"/>), which a patch's new
    /// code may call (the shadow variables). Their CRCs are the core's business: modpost reads them from the core's
    /// Module.symvers when it builds the update module, so they are 0 here.
    /// </summary>
    public ExportTable WithCoreExports()
    {
        var symbols = new Dictionary<string, ExportedSymbol>(_symbols, StringComparer.Ordinal);
        foreach (var name in Ksplice.Abi.CoreExports.All)
            symbols.TryAdd(name, new ExportedSymbol(name, 0, Ksplice.Abi.CoreExports.ModuleName, GplOnly: true, ""));
        return new ExportTable(symbols);
    }
}
