using Ksplice.Elf.Special;

namespace Ksplice.Diff.Comparison;

/// <summary>
/// Names a differing byte of a special-section entry after the table's byte fields (a bug entry's <c>line</c>, an
/// alternative's <c>cpuid</c>); a field runs to the next named field or the end of the entry.
/// </summary>
public static class EntryFields
{
    public static string Describe(SpecialEntry pre, SpecialEntry post, long offset)
    {
        var fields = pre.Kind.ByteFields.OrderBy(f => f.Value).ToList();
        for (var i = 0; i < fields.Count; i++)
        {
            var start = fields[i].Value;
            var end = Math.Min(start + 8, i + 1 < fields.Count ? fields[i + 1].Value : pre.Kind.EntrySize);
            if (offset < start || offset >= end) continue;
            return $"{fields[i].Key} {Read(pre, start, end)} -> {Read(post, start, end)}";
        }
        return $"bytes differ at +0x{offset:x} of the entry";
    }

    private static ulong Read(SpecialEntry e, int start, int end)
    {
        ulong v = 0;
        var bytes = e.Bytes;
        for (var k = Math.Min(end, bytes.Length) - 1; k >= start; k--) v = (v << 8) | bytes[k];
        return v;
    }
}
