using Ksplice.Elf.Model;

namespace Ksplice.Match.Comparison;

/// <summary>
/// The code compared for one function: its symbol's range in its section ([value, value+size), or to the end of the
/// section when the size is unknown). With -ffunction-sections this is the whole section.
/// </summary>
internal sealed record MatchUnit(PreObjectIndex Object, ElfSymbol Symbol, ElfSection Section, int Start, int Length)
{
    public string Name => Symbol.Name;
    public int End => Start + Length;

    public static MatchUnit For(PreObjectIndex obj, ElfSymbol symbol)
    {
        var section = symbol.Section ?? throw new ArgumentException($"{symbol.Name} is not defined in a section", nameof(symbol));
        var start = (int)symbol.Value;
        var rest = (int)section.Size - start;
        var length = symbol.Size > 0 ? (int)Math.Min(symbol.Size, (ulong)Math.Max(0, rest)) : Math.Max(0, rest);
        return new MatchUnit(obj, symbol, section, start, length);
    }

    public override string ToString() => $"{Name} ({Object.Path})";
}
