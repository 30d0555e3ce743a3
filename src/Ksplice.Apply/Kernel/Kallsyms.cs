using System.Globalization;

namespace Ksplice.Apply.Kernel;

/// <summary>
/// The kernel's symbol table as /proc/kallsyms (or a saved copy) lists it: every candidate for a name,
/// and the symbol containing an address. Lines are "ADDRESS TYPE NAME" for the kernel image and
/// "ADDRESS TYPE NAME\t[MODULE]" for modules. Without root, or with kptr_restrict=2, every address
/// reads 0: <see cref="AddressesHidden"/> says so and <see cref="EnsureAddressesVisible"/> explains.
/// </summary>
public sealed class Kallsyms
{
    public const string DefaultPath = "/proc/kallsyms";

    private readonly Lazy<Dictionary<string, List<KallsymsSymbol>>> _byName;
    private readonly Lazy<KallsymsSymbol[]> _byAddress;

    private Kallsyms(List<KallsymsSymbol> symbols, string source)
    {
        Symbols = symbols;
        Source = source;
        AddressesHidden = symbols.Count > 0 && symbols.TrueForAll(s => s.Address == 0);
        // The indexes are built on first use: a table has ~200,000 symbols and most callers ask a few names.
        _byName = new Lazy<Dictionary<string, List<KallsymsSymbol>>>(() =>
        {
            var byName = new Dictionary<string, List<KallsymsSymbol>>(symbols.Count, StringComparer.Ordinal);
            foreach (var s in symbols)
            {
                if (!byName.TryGetValue(s.Name, out var list)) byName[s.Name] = list = new List<KallsymsSymbol>(1);
                list.Add(s);
            }
            return byName;
        });
        // By address; among symbols at one address, the one to name it by first: text, then global, then listed first.
        _byAddress = new Lazy<KallsymsSymbol[]>(() =>
        {
            var order = new int[symbols.Count];
            for (var i = 0; i < order.Length; i++) order[i] = i;
            Array.Sort(order, (x, y) =>
            {
                KallsymsSymbol a = symbols[x], b = symbols[y];
                return a.Address != b.Address ? a.Address.CompareTo(b.Address)
                    : a.IsText != b.IsText ? (a.IsText ? -1 : 1)
                    : a.IsGlobal != b.IsGlobal ? (a.IsGlobal ? -1 : 1)
                    : x.CompareTo(y);
            });
            return Array.ConvertAll(order, i => symbols[i]);
        });
    }

    /// <summary>Where the table came from, for messages.</summary>
    public string Source { get; }

    /// <summary>Every symbol, in the order listed.</summary>
    public IReadOnlyList<KallsymsSymbol> Symbols { get; }

    /// <summary>Every address is 0: kernel pointers are hidden from this reader.</summary>
    public bool AddressesHidden { get; }

    public static Kallsyms Load(string path = DefaultPath)
    {
        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KallsymsException($"Cannot read {path}: {e.Message}");
        }
    }

    public static Kallsyms Parse(string text, string source = "kallsyms")
    {
        var symbols = new List<KallsymsSymbol>(text.Length / 40);
        var lineNumber = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            if (line.IsEmpty) continue;
            symbols.Add(ParseLine(line) ?? throw new KallsymsException(
                $"{source}:{lineNumber}: expected 'ADDRESS TYPE NAME [MODULE]', got '{line}'"));
        }
        return new Kallsyms(symbols, source);
    }

    /// <summary>Every symbol with this name, in the kernel image and in every module.</summary>
    public IReadOnlyList<KallsymsSymbol> Lookup(string name) =>
        _byName.Value.TryGetValue(name, out var list) ? list : [];

    /// <summary>Every symbol with this name in one target ("vmlinux" or a module name).</summary>
    public IReadOnlyList<KallsymsSymbol> Lookup(string name, string target) =>
        Lookup(name).Where(s => s.Target == target).ToList();

    /// <summary>The only symbol with this name in the target, or false when there is none or several.</summary>
    public bool TryGetSingle(string name, string target, out KallsymsSymbol symbol)
    {
        var found = Lookup(name, target);
        symbol = found.Count == 1 ? found[0] : default;
        return found.Count == 1;
    }

    /// <summary>The only symbol with this name in the target; throws naming the candidates otherwise.</summary>
    public KallsymsSymbol Single(string name, string target = "vmlinux")
    {
        EnsureAddressesVisible();
        if (TryGetSingle(name, target, out var symbol)) return symbol;
        var found = Lookup(name, target);
        throw new KallsymsException(found.Count == 0
            ? $"{name} is not in {target} according to {Source}"
            : $"{name} is ambiguous in {target} according to {Source}: {string.Join(", ", found.Select(s => $"0x{s.Address:x} ({s.Type})"))}");
    }

    /// <summary>
    /// The symbol at or below <paramref name="address"/> and the offset into it; false below the first
    /// symbol. Kallsyms has no sizes, so the answer is only as good as the next symbol's start.
    /// </summary>
    public bool TryFindContaining(ulong address, out KallsymsSymbol symbol, out ulong offset)
    {
        var byAddress = _byAddress.Value;
        int lo = 0, hi = byAddress.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (byAddress[mid].Address <= address) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        // back to the first (preferred) symbol at that address
        while (found > 0 && byAddress[found - 1].Address == byAddress[found].Address) found--;
        symbol = found >= 0 && !AddressesHidden ? byAddress[found] : default;
        offset = found >= 0 ? address - symbol.Address : 0;
        return found >= 0 && !AddressesHidden;
    }

    /// <summary>The distance from the symbol to the next higher address listed: its size, padding included.</summary>
    public ulong? SizeOf(KallsymsSymbol symbol)
    {
        var byAddress = _byAddress.Value;
        int lo = 0, hi = byAddress.Length;
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (byAddress[mid].Address <= symbol.Address) lo = mid + 1; else hi = mid;
        }
        return lo < byAddress.Length ? byAddress[lo].Address - symbol.Address : null;
    }

    /// <summary>Throws when every address reads 0, with what to do about it.</summary>
    public void EnsureAddressesVisible()
    {
        if (AddressesHidden)
            throw new KallsymsException(
                $"Every address in {Source} is 0: the kernel hides its pointers (kptr_restrict). Run as root, with " +
                "/proc/sys/kernel/kptr_restrict set to 0 or 1 (sysctl kernel.kptr_restrict=1).");
    }

    /// <summary>"ADDRESS TYPE NAME" or "ADDRESS TYPE NAME\t[MODULE]"; null when malformed.</summary>
    private static KallsymsSymbol? ParseLine(ReadOnlySpan<char> line)
    {
        Span<Range> fields = stackalloc Range[5];
        var n = line.SplitAny(fields, " \t", StringSplitOptions.RemoveEmptyEntries);
        if (n is < 3 or > 4) return null;
        var type = line[fields[1]];
        if (type.Length != 1 ||
            !ulong.TryParse(line[fields[0]], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var address))
            return null;
        string? module = null;
        if (n == 4)
        {
            var m = line[fields[3]];
            if (m.Length < 3 || m[0] != '[' || m[^1] != ']') return null;
            module = m[1..^1].ToString();
        }
        return new KallsymsSymbol(address, type[0], line[fields[2]].ToString(), module);
    }
}
