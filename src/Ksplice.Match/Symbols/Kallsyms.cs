using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;

namespace Ksplice.Match.Symbols;

/// <summary>
/// The kernel's symbol table as /proc/kallsyms (or a saved copy) lists it: every candidate for a name,
/// and the symbol containing an address. Lines are "ADDRESS TYPE NAME" for the kernel image and
/// "ADDRESS TYPE NAME\t[MODULE]" for modules. Without root, or with kptr_restrict=2, every address
/// reads 0: <see cref="AddressesHidden"/> says so and <see cref="EnsureAddressesVisible"/> explains.
/// </summary>
public sealed class Kallsyms : ISymbolSource
{
    public const string DefaultPath = "/proc/kallsyms";

    private readonly List<KernelSymbol> _symbols;
    // A name maps to its one KernelSymbol, or to a List<KernelSymbol> when it occurs more than once.
    private readonly Dictionary<string, object> _byName;
    private readonly HashSet<string> _modules;
    // Built on first use: most callers ask a few names and never an address.
    private readonly Lazy<KernelSymbol[]> _byAddress;

    private Kallsyms(List<KernelSymbol> symbols, Dictionary<string, object> byName, HashSet<string> modules, bool addressesHidden,
        string source)
    {
        _symbols = symbols;
        _byName = byName;
        _modules = modules;
        _byAddress = new Lazy<KernelSymbol[]>(() => SortByAddress(symbols));
        AddressesHidden = addressesHidden;
        Source = source;
    }

    /// <summary>Where the table came from, for messages.</summary>
    public string Source { get; }

    /// <summary>Every symbol, in the order listed.</summary>
    public IReadOnlyList<KernelSymbol> Symbols => _symbols;

    /// <summary>Every address is 0: kernel pointers are hidden from this reader.</summary>
    public bool AddressesHidden { get; }

    public IReadOnlyCollection<string> Modules => _modules;

    /// <summary>Every symbol with this name, in the kernel image and in every module (per target: <see cref="SymbolSourceExtensions.Lookup(ISymbolSource, string, string)"/>).</summary>
    public IReadOnlyList<KernelSymbol> Lookup(string name) => _byName.GetValueOrDefault(name) switch
    {
        KernelSymbol one => [one],
        List<KernelSymbol> many => many,
        _ => [],
    };

    /// <summary>The only symbol with this name in the target, or false when there is none or several.</summary>
    public bool TryGetSingle(string name, string target, [MaybeNullWhen(false)] out KernelSymbol symbol)
    {
        var found = this.Lookup(name, target);
        symbol = found.Count == 1 ? found[0] : null;
        return symbol is not null;
    }

    /// <summary>The only symbol with this name in the target; throws naming the candidates otherwise.</summary>
    public KernelSymbol Single(string name, string target = Targets.Vmlinux)
    {
        EnsureAddressesVisible();
        if (TryGetSingle(name, target, out var symbol)) return symbol;
        var found = this.Lookup(name, target);
        throw new KallsymsException(found.Count == 0
            ? $"{name} is not in {target} according to {Source}"
            : $"{name} is ambiguous in {target} according to {Source}: {string.Join(", ", found.Select(s => $"0x{s.Address:x} ({s.Type})"))}");
    }

    /// <summary>
    /// The symbol at or below <paramref name="address"/> and the offset into it; false below the first
    /// symbol. Kallsyms has no sizes, so the answer is only as good as the next symbol's start.
    /// </summary>
    public bool TryFindContaining(ulong address, [MaybeNullWhen(false)] out KernelSymbol symbol, out ulong offset)
    {
        symbol = null;
        offset = 0;
        if (AddressesHidden) return false;
        var byAddress = _byAddress.Value;
        var found = CountAtOrBelow(byAddress, address) - 1;
        if (found < 0) return false;
        // back to the first (preferred) symbol at that address
        while (found > 0 && byAddress[found - 1].Address == byAddress[found].Address) found--;
        symbol = byAddress[found];
        offset = address - symbol.Address;
        return true;
    }

    public IReadOnlyList<KernelSymbol> At(ulong address)
    {
        if (AddressesHidden) return [];
        var byAddress = _byAddress.Value;
        var end = CountAtOrBelow(byAddress, address);
        var start = end;
        while (start > 0 && byAddress[start - 1].Address == address) start--;
        return byAddress[start..end];
    }

    /// <summary>The distance from the symbol to the next higher address listed: its size, padding included.</summary>
    public ulong? SizeOf(KernelSymbol symbol)
    {
        var byAddress = _byAddress.Value;
        var next = CountAtOrBelow(byAddress, symbol.Address);
        return next < byAddress.Length ? byAddress[next].Address - symbol.Address : null;
    }

    /// <summary>Throws when every address reads 0, with what to do about it.</summary>
    public void EnsureAddressesVisible()
    {
        if (AddressesHidden)
            throw new KallsymsException(
                $"Every address in {Source} is 0: the kernel hides its pointers (kptr_restrict). Run as root, with " +
                "/proc/sys/kernel/kptr_restrict set to 0 or 1 (sysctl kernel.kptr_restrict=1).");
    }

    /// <summary>
    /// Reads a kallsyms file: /proc/kallsyms (which reports size 0, and is much slower to read in small pieces) or a copy.
    /// </summary>
    public static Kallsyms Load(string path = DefaultPath)
    {
        using var text = new MemoryStream();
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            file.CopyTo(text, 1 << 20);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KallsymsException($"Cannot read {path}: {e.Message}");
        }
        return Parse(text.GetBuffer().AsSpan(0, (int)text.Length), path);
    }

    public static Kallsyms Parse(string text, string source = "kallsyms") => Parse(Encoding.Latin1.GetBytes(text), source);

    /// <summary>
    /// Parses kallsyms text; a malformed line is a <see cref="KallsymsException"/> naming it. Works on bytes, one string
    /// per distinct name and module, and a list only for names that occur more than once: /proc/kallsyms has ~100,000
    /// lines and this runs inside slow (TCG) guests too.
    /// </summary>
    public static Kallsyms Parse(ReadOnlySpan<byte> text, string source = "kallsyms")
    {
        var symbols = new List<KernelSymbol>(text.Length / 40);
        var byName = new Dictionary<string, object>(1 << 17, StringComparer.Ordinal);
        var modules = new HashSet<string>(StringComparer.Ordinal);
        var lastModule = new ModuleCache();
        var lineNumber = 0;
        var addressSeen = false;
        while (text.Length > 0)
        {
            lineNumber++;
            var newline = text.IndexOf((byte)'\n');
            var line = (newline >= 0 ? text[..newline] : text).TrimEnd(" \t\r"u8);
            text = newline >= 0 ? text[(newline + 1)..] : [];
            if (line.IsEmpty) continue;
            var symbol = ParseLine(line, lastModule) ?? throw new KallsymsException(
                $"{source}:{lineNumber}: expected 'ADDRESS TYPE NAME [MODULE]', got '{Encoding.Latin1.GetString(line)}'");
            symbols.Add(symbol);
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(byName, symbol.Name, out var exists);
            slot = !exists ? symbol : slot is List<KernelSymbol> list ? Add(list, symbol) : new List<KernelSymbol>(2) { (KernelSymbol)slot!, symbol };
            if (symbol.Module is { } m) modules.Add(m);
            addressSeen |= symbol.Address != 0;
        }
        return new Kallsyms(symbols, byName, modules, symbols.Count > 0 && !addressSeen, source);
    }

    private static List<KernelSymbol> Add(List<KernelSymbol> list, KernelSymbol symbol)
    {
        list.Add(symbol);
        return list;
    }

    /// <summary>"ADDRESS TYPE NAME" or "ADDRESS TYPE NAME\t[MODULE]", without trailing blanks; null when malformed.</summary>
    private static KernelSymbol? ParseLine(ReadOnlySpan<byte> line, ModuleCache modules)
    {
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
        return rest.Length == 0 ? null : new KernelSymbol(Encoding.Latin1.GetString(rest), address, type, module);
    }

    /// <summary>By address; among symbols at one address, the one to name it by first: text, then global, then listed first.</summary>
    private static KernelSymbol[] SortByAddress(List<KernelSymbol> symbols)
    {
        var order = new int[symbols.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (x, y) =>
        {
            KernelSymbol a = symbols[x], b = symbols[y];
            return a.Address != b.Address ? a.Address.CompareTo(b.Address)
                : a.IsText != b.IsText ? (a.IsText ? -1 : 1)
                : a.IsGlobal != b.IsGlobal ? (a.IsGlobal ? -1 : 1)
                : x.CompareTo(y);
        });
        return Array.ConvertAll(order, i => symbols[i]);
    }

    /// <summary>How many symbols of the sorted table are at or below <paramref name="address"/>.</summary>
    private static int CountAtOrBelow(KernelSymbol[] byAddress, ulong address)
    {
        int lo = 0, hi = byAddress.Length;
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (byAddress[mid].Address <= address) lo = mid + 1; else hi = mid;
        }
        return lo;
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
                _name = Encoding.Latin1.GetString(name);
            }
            return _name;
        }
    }
}
