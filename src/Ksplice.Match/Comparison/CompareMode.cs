namespace Ksplice.Match.Comparison;

/// <summary>
/// How a range is compared. <see cref="AllowNopRewrites"/>: a run of NOPs may have been rewritten into other NOPs of the
/// same total length (optimize_nops() inside alternatives). <see cref="MaskRelocations"/>: relocated fields are
/// neither compared nor learnt from (code copied from .altinstr_replacement, whose fields the kernel does not fix).
/// </summary>
internal readonly record struct CompareMode(bool AllowNopRewrites, bool MaskRelocations)
{
    public static CompareMode Code => new(false, false);
}
