namespace Ksplice.Match;

public enum SymbolValueSource
{
    /// <summary>Learnt from a relocated field of matched code (or the matched function itself).</summary>
    Learnt,
    /// <summary>The only kallsyms entry with that name in the target.</summary>
    Kallsyms,
}
