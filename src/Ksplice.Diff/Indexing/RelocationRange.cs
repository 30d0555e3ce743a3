using Ksplice.Elf.Model;

namespace Ksplice.Diff.Indexing;

/// <summary>The relocations of a section inside [start, end), found by binary search (the list is sorted by offset).</summary>
public static class RelocationRange
{
    public static IEnumerable<ElfRelocation> Of(ElfSection section, long start, long end)
    {
        var list = section.Relocations;
        var i = LowerBound(list, start);
        for (; i < list.Count && (long)list[i].Offset < end; i++) yield return list[i];
    }

    public static List<ElfRelocation> ListOf(ElfSection section, long start, long end) => Of(section, start, end).ToList();

    private static int LowerBound(List<ElfRelocation> list, long offset)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if ((long)list[mid].Offset < offset) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
