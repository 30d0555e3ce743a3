using Ksplice.Elf.Model;

namespace Ksplice.Diff.Indexing;

/// <summary>
/// The named symbols of one section sorted by value, for "which symbol holds offset X" in O(log n) (objtool keeps a
/// per-section tree for the same question).
/// </summary>
public sealed class SectionSymbols
{
    private readonly ElfSymbol[] _sized;
    private readonly ulong[] _starts;

    public SectionSymbols(IEnumerable<ElfSymbol> symbols)
    {
        All = symbols.OrderBy(s => s.Value).ThenBy(s => s.Index).ToArray();
        // Functions and objects own bytes; among symbols at the same place keep the largest (an alias adds nothing).
        _sized = All.Where(s => s.Type is ElfSymbolType.Function or ElfSymbolType.Object)
            .GroupBy(s => s.Value).Select(g => g.OrderByDescending(s => s.Size).ThenBy(s => s.IsLocal ? 1 : 0).First())
            .OrderBy(s => s.Value).ToArray();
        _starts = _sized.Select(s => s.Value).ToArray();
    }

    /// <summary>Every named (non-section) symbol of the section, by value.</summary>
    public IReadOnlyList<ElfSymbol> All { get; }

    /// <summary>Functions and objects, one per address.</summary>
    public IReadOnlyList<ElfSymbol> Sized => _sized;

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
}
