using Ksplice.Elf.Model;

namespace Ksplice.Dwarf.Internal;

/// <summary>
/// The start addresses of a DW_AT_ranges list (.debug_rnglists in DWARF 5, .debug_ranges before), each as the
/// symbol its relocation names plus the offset; entries whose address is not relocated are skipped.
/// </summary>
internal static class RangeListReader
{
    private const byte End = 0, BaseAddressx = 1, StartxEndx = 2, StartxLength = 3, OffsetPair = 4, BaseAddress = 5, StartEnd = 6, StartLength = 7;

    public static List<DwarfAddress> RangeListStarts(RelocatedSection rnglists, ulong offset, int addressSize)
    {
        var starts = new List<DwarfAddress>();
        var c = new ByteCursor(rnglists.Data, rnglists.Name, checked((int)offset));
        DwarfAddress? baseAddress = null;
        while (true)
        {
            switch (c.U8())
            {
                case End: return starts;
                case BaseAddressx: c.Uleb(); baseAddress = null; break;
                case StartxEndx or StartxLength: c.Uleb(); c.Uleb(); break;
                case OffsetPair:
                    var begin = c.Uleb();
                    c.Uleb();
                    if (baseAddress is { } b) starts.Add(b with { Value = b.Value + begin });
                    break;
                case BaseAddress: baseAddress = Address(rnglists, c, addressSize); break;
                case StartEnd: Add(starts, Address(rnglists, c, addressSize)); Address(rnglists, c, addressSize); break;
                case StartLength: Add(starts, Address(rnglists, c, addressSize)); c.Uleb(); break;
                case var kind: throw new DwarfFormatException($"{rnglists.Name}+0x{c.Position - 1:x}: range list entry kind {kind} is not known");
            }
        }
    }

    public static List<DwarfAddress> RangesStarts(RelocatedSection ranges, ulong offset, int addressSize)
    {
        var starts = new List<DwarfAddress>();
        var c = new ByteCursor(ranges.Data, ranges.Name, checked((int)offset));
        var all = addressSize == 8 ? ulong.MaxValue : uint.MaxValue;
        DwarfAddress? baseAddress = null;
        while (true)
        {
            var at = c.Position;
            var start = addressSize == 8 ? c.U64() : c.U32();
            var end = addressSize == 8 ? c.U64() : c.U32();
            var startSymbol = ranges.Symbols.GetValueOrDefault(at);
            if (start == 0 && end == 0 && startSymbol is null) return starts;
            if (start == all) { baseAddress = ranges.Symbols.GetValueOrDefault(at + addressSize) is { } b ? new DwarfAddress(b, end) : null; continue; }
            if (startSymbol is not null) starts.Add(new DwarfAddress(startSymbol, start));
            else if (baseAddress is { } b2) starts.Add(b2 with { Value = b2.Value + start });
        }
    }

    private static DwarfAddress? Address(RelocatedSection section, ByteCursor c, int addressSize)
    {
        var at = c.Position;
        var value = addressSize == 8 ? c.U64() : c.U32();
        return section.Symbols.TryGetValue(at, out var symbol) ? new DwarfAddress(symbol, value) : null;
    }

    private static void Add(List<DwarfAddress> starts, DwarfAddress? address)
    {
        if (address is { } a) starts.Add(a);
    }
}
