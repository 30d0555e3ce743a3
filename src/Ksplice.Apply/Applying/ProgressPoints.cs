namespace Ksplice.Apply.Applying;

/// <summary>The names of <see cref="ProgressPoint"/>s that <c>KSPLICE_FAULT</c> takes, in the enum's order.</summary>
public static class ProgressPoints
{
    public static IReadOnlyList<string> Names { get; } = ["after-core-load", "after-update-load", "before-applied", "after-reversed"];

    public static string WireName(this ProgressPoint point) => Names[(int)point];

    public static ProgressPoint? Parse(string name)
    {
        var index = Names.ToList().IndexOf(name);
        return index >= 0 ? (ProgressPoint)index : null;
    }
}
