using Ksplice.Elf.Sections;
using Ksplice.Diff.Indexing;
using Ksplice.Elf.Model;

namespace Ksplice.Diff.Comparison;

/// <summary>
/// Turns a relocation into a <see cref="ReferenceTarget"/>; <c>bias</c> is how far past S + A the field points
/// (<see cref="Ksplice.Elf.Arch.ReferencedPlace.Adjustment"/>), 0 to describe the bare S + A.
/// </summary>
public static class ReferenceResolver
{
    public static ReferenceTarget Resolve(DiffIndex index, ElfRelocation r, int bias)
    {
        var s = r.Symbol;
        if (s.Section is not { } sec) return new ExternalTarget(s, r.Addend);
        var category = index.Category(sec);
        var throughPlace = s.IsSection || s.Name.StartsWith(".L", StringComparison.Ordinal) || category == SectionCategory.Mergeable;
        if (!throughPlace) return new SymbolTarget(s, r.Addend, bias);

        var place = (long)s.Value + r.Addend;
        var at = place + bias;
        if (category == SectionCategory.Mergeable && Mergeable(sec, at) is { } item) return item;
        if (index.SymbolsIn(sec).Containing(at) is { } holder)
            return new SymbolTarget(holder, place - (long)holder.Value, bias);
        var (start, end) = index.BlockAround(sec, at);
        return new BlockTarget(sec, start, end, place - start, bias);
    }

    /// <summary>The string (NUL-terminated) or constant (sh_entsize bytes) of a mergeable section that holds <paramref name="at"/>.</summary>
    private static MergeableTarget? Mergeable(ElfSection sec, long at)
    {
        var data = sec.Data;
        if (at < 0 || at >= data.Length) return null;
        var unit = (int)Math.Max(1, sec.EntrySize);
        if ((sec.Flags & ElfSectionFlags.Strings) == 0)
        {
            var start0 = (int)(at - at % unit);
            return new MergeableTarget(sec, start0, Math.Min(unit, data.Length - start0), at - start0, false);
        }
        // Strings of sh_entsize-byte characters: back to the unit after the previous terminator, forward to the next one.
        var i = (int)(at - at % unit);
        var start = i;
        while (start >= unit && !IsZero(data, start - unit, unit)) start -= unit;
        var end = i;
        while (end + unit <= data.Length && !IsZero(data, end, unit)) end += unit;
        end = Math.Min(data.Length, end + unit);
        return new MergeableTarget(sec, start, end - start, at - start, true);
    }

    private static bool IsZero(byte[] data, int at, int unit)
    {
        for (var k = 0; k < unit; k++) if (data[at + k] != 0) return false;
        return true;
    }
}
