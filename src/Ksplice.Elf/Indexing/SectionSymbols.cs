using Ksplice.Elf.Model;

namespace Ksplice.Elf.Indexing;

/// <summary>
/// The named symbols of one section sorted by value, for "which symbol holds offset X" in O(log n) (objtool keeps a
/// per-section tree for the same question, <c>find_symbol_containing</c> and <c>find_func_containing</c>).
/// </summary>
public sealed class SectionSymbols
{
    private readonly ElfSymbol[] _sized;
    private readonly ulong[] _starts;
    private readonly ElfSymbol[] _functions;
    private readonly ulong[] _functionStarts;

    public static SectionSymbols Empty { get; } = new(null, []);

    public SectionSymbols(ElfSection? section, IEnumerable<ElfSymbol> symbols)
    {
        All = symbols.OrderBy(s => s.Value).ThenBy(s => s.Index).ToArray();
        // Functions and objects own bytes; among symbols at the same place keep the largest (an alias adds nothing).
        _sized = All.Where(s => s.Type is ElfSymbolType.Function or ElfSymbolType.Object)
            .GroupBy(s => s.Value).Select(g => g.OrderByDescending(s => s.Size).ThenBy(s => s.IsLocal ? 1 : 0).First())
            .OrderBy(s => s.Value).ToArray();
        _starts = _sized.Select(s => s.Value).ToArray();
        _functions = All.Where(s => s.Name.Length > 0
                && (s.Type == ElfSymbolType.Function
                    || (s.Type == ElfSymbolType.NoType && section is { IsExecutable: true } && !s.Name.StartsWith(".L", StringComparison.Ordinal))))
            .OrderBy(s => s.Value).ThenByDescending(s => s.Size).ToArray();
        _functionStarts = _functions.Select(s => s.Value).ToArray();
    }

    /// <summary>Every named (non-section) symbol of the section, by value.</summary>
    public IReadOnlyList<ElfSymbol> All { get; }

    /// <summary>Functions and objects, one per address.</summary>
    public IReadOnlyList<ElfSymbol> Sized => _sized;

    /// <summary>FUNC symbols, and in code the NOTYPE labels an assembler file names (not .L locals), by value, larger first.</summary>
    public IReadOnlyList<ElfSymbol> Functions => _functions;

    /// <summary>The function or object whose [value, value + size) holds <paramref name="offset"/> (a zero-size one only at its value).</summary>
    public ElfSymbol? Containing(long offset)
    {
        if (offset < 0 || _starts.Length == 0) return null;
        var i = Array.BinarySearch(_starts, (ulong)offset);
        if (i < 0) i = ~i - 1;
        if (i < 0) return null;
        var s = _sized[i];
        return (ulong)offset < s.Value + Math.Max(1, s.Size) ? s : null;
    }

    /// <summary>
    /// The function that holds <paramref name="offset"/>: the last of <see cref="Functions"/> starting at or before it
    /// whose range holds it; a zero-size label holds everything up to the next function.
    /// </summary>
    public ElfSymbol? FunctionContaining(ulong offset)
    {
        var i = UpperBound(_functionStarts, offset) - 1;
        for (; i >= 0; i--)
        {
            var f = _functions[i];
            if (f.Size == 0 || offset < f.Value + f.Size) return f;
        }
        return null;
    }

    /// <summary>Index of the first start greater than <paramref name="value"/>.</summary>
    private static int UpperBound(ulong[] starts, ulong value)
    {
        int lo = 0, hi = starts.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (starts[mid] <= value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
