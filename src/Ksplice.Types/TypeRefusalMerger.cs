using System.Text;

namespace Ksplice.Types;

/// <summary>
/// One message per changed type across all affected objects: a header type changed in several objects is named once,
/// with its users object by object ("used by 23 functions of net/foo/foo.o (...) and by 2 functions of net/foo/diag.o (...)").
/// </summary>
public static class TypeRefusalMerger
{
    public static IReadOnlyList<string> Messages(IEnumerable<TypeRefusal> refusals) =>
        refusals.GroupBy(r => (r.Kind, r.Name)).Select(g => g.Count() == 1 ? g.First().ToString() : Merge(g.ToList())).ToList();

    private static string Merge(List<TypeRefusal> group)
    {
        var first = group[0];
        var text = new StringBuilder(first.Name);
        if (first.DeclaredAt is not null) text.Append(" (").Append(first.DeclaredAt).Append(')');
        text.Append(": ").Append(string.Join("; ", group.SelectMany(r => r.Changes).Distinct()));
        var users = group.Where(r => r.Functions.Count > 0)
            .Select(r => $"{r.Functions.Count} {(r.Functions.Count == 1 ? "function" : "functions")} of {r.ObjectPath} ({List(r.Functions)})").ToList();
        if (users.Count > 0) text.Append("; used by ").Append(string.Join(" and by ", users)).Append(", staying in the running kernel");
        var data = group.Where(r => r.Data.Count > 0).Select(r => $"{List(r.Data)} in {r.ObjectPath}").ToList();
        if (data.Count > 0) text.Append("; used by data that exists before the update (").Append(string.Join("; ", data)).Append(')');
        var objects = group.Select(r => r.ObjectPath).Distinct().ToList();
        text.Append("; changed in ").Append(string.Join(", ", objects));
        foreach (var reason in group.SelectMany(r => r.Reasons).Distinct()) text.Append("; ").Append(reason);
        text.Append(". Refused: ").Append(first.Remedy).Append('.');
        return text.ToString();
    }

    private static string List(IReadOnlyList<string> names) =>
        names.Count <= 12 ? string.Join(", ", names) : string.Join(", ", names.Take(12)) + $", and {names.Count - 12} more";
}
