namespace Ksplice.Diff.Comparison;

/// <summary>
/// What a relocated field refers to, in terms that can be compared across the two objects.
/// </summary>
public abstract record ReferenceTarget
{
    /// <summary>For messages: <c>printk</c>, <c>foo+0x10</c>, <c>"hello\n"</c>.</summary>
    public abstract string Describe();

    public override string ToString() => Describe();
}
