namespace Ksplice.Match;

/// <summary>What to match: the pre objects, the functions that must be found, and the placeholders that need values.</summary>
public sealed record MatchRequest(
    IReadOnlyList<PreObject> Objects,
    IReadOnlyList<FunctionRequest> Functions,
    IReadOnlyList<SymbolRequest> Symbols);
