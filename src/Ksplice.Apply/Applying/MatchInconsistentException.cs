namespace Ksplice.Apply.Applying;

/// <summary>
/// The matcher reported success but its result does not fit the update's manifest (a value or function missing, a size
/// out of range, an address that disagrees with its placeholder): a bug in ksplice, or a manifest that contradicts its
/// own pre objects (a corrupt or crafted tarball).
/// </summary>
public sealed class MatchInconsistentException(string symbol, string problem) : Exception($"{symbol}: {problem}")
{
    /// <summary>The placeholder or function concerned.</summary>
    public string Symbol { get; } = symbol;
}
