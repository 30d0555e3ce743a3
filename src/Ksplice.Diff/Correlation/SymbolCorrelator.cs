using Ksplice.Diff.Indexing;

namespace Ksplice.Diff.Correlation;

/// <summary>Runs the correlation rules in order: exact names first, then gcc's renamings, then names several symbols share, then sections.</summary>
public static class SymbolCorrelator
{
    public static IReadOnlyList<ICorrelationRule> Rules { get; } =
    [
        new ExternalNameRule(),
        new GlobalNameRule(),
        new LocalNameRule(),
        new CloneSuffixRule(),
        new StaticLocalRule(),
        new DuplicateNameRule(),
        new ColdPartRule(),
        new SectionRule(),
    ];

    public static CorrelationState Correlate(string objectPath, DiffIndex pre, DiffIndex post)
    {
        var state = new CorrelationState(objectPath, pre, post);
        foreach (var rule in Rules) rule.Apply(state);
        return state;
    }
}
