namespace Ksplice.Diff.Comparison;

/// <summary>
/// What a relocated field refers to, in terms that can be compared across the two objects. <see cref="DependsOnBias"/>
/// is true when the target was found through a section offset, so another instruction-length guess could change it.
/// </summary>
public abstract record ReferenceTarget
{
    public bool DependsOnBias { get; init; }

    /// <summary>For messages: <c>printk</c>, <c>foo+0x10</c>, <c>"hello\n"</c>.</summary>
    public abstract string Describe();

    public override string ToString() => Describe();
}
