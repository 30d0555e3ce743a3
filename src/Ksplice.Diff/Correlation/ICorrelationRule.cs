namespace Ksplice.Diff.Correlation;

/// <summary>One way of finding twins. Rules run in the order of <see cref="SymbolCorrelator.Rules"/>.</summary>
public interface ICorrelationRule
{
    /// <summary>A short name shown with -v ("global name", "clone suffix").</summary>
    string Name { get; }

    void Apply(CorrelationState state);
}
