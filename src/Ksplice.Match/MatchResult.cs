namespace Ksplice.Match;

/// <summary>
/// What matching found: each requested function's address and running bytes, each placeholder's value, the extra
/// functions matched only to learn values (<see cref="Helpers"/>), and every failure.
/// </summary>
public sealed record MatchResult(
    IReadOnlyList<MatchedFunction> Functions,
    IReadOnlyList<ResolvedSymbol> Symbols,
    IReadOnlyList<MatchedFunction> Helpers,
    IReadOnlyList<MatchFailure> Failures)
{
    public bool Succeeded => Failures.Count == 0;

    /// <summary>Warnings about the pre objects (special-section entries that could not be used), "object: message".</summary>
    public IReadOnlyList<string> Diagnostics { get; init; } = [];

    /// <summary>How many patch sites of the matched code were found in each form ("fentry:nop5", "alternative:replacement").</summary>
    public IReadOnlyDictionary<string, int> SiteForms { get; init; } = new Dictionary<string, int>();

    public MatchedFunction? Function(string objectPath, string symbol) =>
        Functions.FirstOrDefault(f => f.ObjectPath == objectPath && f.Symbol == symbol);

    public ResolvedSymbol? Symbol(string placeholder) => Symbols.FirstOrDefault(s => s.Placeholder == placeholder);

    /// <summary>Throws <see cref="RunPreMatchException"/> listing the failures, if there are any.</summary>
    public MatchResult ThrowIfFailed() => Succeeded ? this : throw new RunPreMatchException(Failures);
}
