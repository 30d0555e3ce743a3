namespace Ksplice.Match.Matching;

internal enum UnitState
{
    Matched,
    /// <summary>Several candidates match; values learnt later may still rule all but one out.</summary>
    Ambiguous,
    Failed,
}
