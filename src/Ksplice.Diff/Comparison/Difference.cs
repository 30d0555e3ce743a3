namespace Ksplice.Diff.Comparison;

/// <summary>One difference between two byte ranges, at <see cref="Offset"/> from the start of the range.</summary>
public sealed record Difference(long Offset, long Length, string Text, DifferenceKind Kind)
{
    /// <summary>The same difference, described from an outer place ("cold part foo.cold: ...").</summary>
    public Difference Prefixed(string prefix) => this with { Text = prefix + Text };

    public override string ToString() => Text;
}
