using Ksplice.Elf.Model;
using Ksplice.Diff.Indexing;
namespace Ksplice.Diff.Comparison;

/// <summary>
/// Compares two byte ranges: equal when the sizes are, the bytes outside relocated fields are, and every relocation
/// has a partner at the same offset that <see cref="ReferenceComparer"/> finds equal. Returns the differences by offset
/// (only the first unless <c>all</c>). Anonymous blocks are memoised, and a block compared while it is being compared
/// counts as equal, so cycles end.
/// </summary>
public sealed class RangeComparer(DiffContext context)
{
    private readonly Dictionary<(RangeSide, RangeSide), Difference?> _blocks = [];

    /// <summary>For a relocated field at a range-relative offset, the exact lengths of the blocks it points at, if known.</summary>
    public delegate (long Pre, long Post)? BlockExtents(long relativeOffset);

    public List<Difference> Compare(RangeSide pre, RangeSide post, bool all = false, BlockExtents? extents = null)
    {
        var diffs = new List<Difference>();
        var preRel = pre.Relocations;
        var postRel = post.Relocations;
        var common = Math.Min(pre.Length, post.Length);
        var mask = new bool[Math.Max(0, common)];
        var limit = long.MaxValue; // when looking for the first difference, nothing beyond the first one found matters

        int i = 0, j = 0;
        while (i < preRel.Count || j < postRel.Count)
        {
            var a = i < preRel.Count ? (long)preRel[i].Offset - pre.Start : long.MaxValue;
            var b = j < postRel.Count ? (long)postRel[j].Offset - post.Start : long.MaxValue;
            if (a < common) Mark(mask, a, i < preRel.Count ? RelocationInfo.MaskWidth(preRel[i].Type) : 0);
            if (b < common) Mark(mask, b, j < postRel.Count ? RelocationInfo.MaskWidth(postRel[j].Type) : 0);
            if (Math.Min(a, b) > limit) break;
            if (a == b)
            {
                var c = context.References.Compare(pre, preRel[i], post, postRel[j], extents?.Invoke(a));
                if (!c.Equal) Add(new Difference(a, RelocationInfo.MaskWidth(preRel[i].Type), $"relocation at +0x{a:x} {c.Text}",
                    c.IsCalleeRename ? DifferenceKind.CalleeRename : DifferenceKind.Relocation));
                i++; j++;
            }
            else if (a < b)
            {
                Add(new Difference(a, RelocationInfo.MaskWidth(preRel[i].Type), $"relocation at +0x{a:x} removed (was to {ReferenceResolver.Resolve(pre.Index, preRel[i], 0).Describe()})", DifferenceKind.Relocation));
                i++;
            }
            else
            {
                Add(new Difference(b, RelocationInfo.MaskWidth(postRel[j].Type), $"new relocation at +0x{b:x} to {ReferenceResolver.Resolve(post.Index, postRel[j], 0).Describe()}", DifferenceKind.Relocation));
                j++;
            }
        }
        // Mark the fields of relocations the loop above did not reach.
        for (; i < preRel.Count; i++) Mark(mask, (long)preRel[i].Offset - pre.Start, RelocationInfo.MaskWidth(preRel[i].Type));
        for (; j < postRel.Count; j++) Mark(mask, (long)postRel[j].Offset - post.Start, RelocationInfo.MaskWidth(postRel[j].Type));

        for (long k = 0; k < common && k <= limit; k++)
        {
            if (mask[k] || pre.At(k) == post.At(k)) continue;
            var end = k;
            while (end + 1 < common && !mask[end + 1] && pre.At(end + 1) != post.At(end + 1)) end++;
            Add(new Difference(k, end - k + 1, $"bytes differ at +0x{k:x}", DifferenceKind.Bytes));
            k = end;
        }
        if (pre.Length != post.Length)
            Add(new Difference(common, 0, $"size 0x{pre.Length:x} -> 0x{post.Length:x}", DifferenceKind.Size));

        diffs.Sort((x, y) => x.Offset.CompareTo(y.Offset));
        return all || diffs.Count <= 1 ? diffs : [diffs[0]];

        void Add(Difference d)
        {
            diffs.Add(d);
            if (!all) limit = Math.Min(limit, d.Offset);
        }
    }

    /// <summary>Compares two anonymous blocks (memoised; a block met again while it is being compared counts as equal).</summary>
    public Difference? CompareBlock(RangeSide pre, RangeSide post)
    {
        if (_blocks.TryGetValue((pre, post), out var known)) return known;
        _blocks[(pre, post)] = null;
        var result = Compare(pre, post).FirstOrDefault();
        _blocks[(pre, post)] = result;
        return result;
    }

    private static void Mark(bool[] mask, long at, int width)
    {
        for (var k = Math.Max(0, at); k < at + width && k < mask.Length; k++) mask[k] = true;
    }
}
