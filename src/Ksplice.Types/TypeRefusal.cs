using System.Text;

namespace Ksplice.Types;

/// <summary>
/// A type change the update cannot make safely: which type (<see cref="Name"/>: "struct foo_sock", "enum color",
/// "variable counters", "function foo_send"), what changed (offsets, sizes, values), who keeps using the old
/// layout (functions staying in the running kernel, data that exists before the update) and why that counts.
/// </summary>
public sealed record TypeRefusal(TypeChangeKind Kind, string Name, string ObjectPath)
{
    /// <summary>What to do instead, ending with the option that allows this change by name.</summary>
    public string Remedy => Kind switch
    {
        TypeChangeKind.Prototype =>
            "keep the prototype (add a new function with the new arguments and leave the old one callable), or, if every "
            + $"caller is made safe by the update, pass --allow-type-change='{AllowName}'",
        TypeChangeKind.Unverifiable =>
            "build the pre and post objects with debug information (CONFIG_DEBUG_INFO=y) so type changes can be checked",
        _ =>
            "the running kernel keeps using the old layout: keep the layout (put new fields in shadow data, or convert "
            + $"existing instances from ksplice hooks), or, if the update already makes the change safe that way, pass --allow-type-change='{AllowName}'",
    };

    public IReadOnlyList<string> Changes { get; init; } = [];
    public IReadOnlyList<string> Functions { get; init; } = [];
    public IReadOnlyList<string> Data { get; init; } = [];
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public string? DeclaredAt { get; init; }

    /// <summary>The name <c>--allow-type-change</c> takes to allow this change.</summary>
    public string AllowName => Name;

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(ObjectPath).Append(": ").Append(Name);
        if (DeclaredAt is not null) text.Append(" (").Append(DeclaredAt).Append(')');
        text.Append(": ").Append(string.Join("; ", Changes));
        if (Functions.Count > 0) text.Append("; used by ").Append(Functions.Count).Append(Functions.Count == 1 ? " function" : " functions")
            .Append(" staying in the running kernel (").Append(List(Functions)).Append(')');
        if (Data.Count > 0) text.Append("; used by data that exists before the update (").Append(List(Data)).Append(')');
        foreach (var r in Reasons) text.Append("; ").Append(r);
        text.Append(". Refused: ").Append(Remedy).Append('.');
        return text.ToString();
    }

    private static string List(IReadOnlyList<string> names) =>
        names.Count <= 12 ? string.Join(", ", names) : string.Join(", ", names.Take(12)) + $", and {names.Count - 12} more";
}
