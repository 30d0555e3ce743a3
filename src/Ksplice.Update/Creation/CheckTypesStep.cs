using Ksplice.Types;
using Ksplice.Source.Trees;
using Ksplice.Update.Building;

namespace Ksplice.Update.Creation;

/// <summary>
/// Compares the types of every built object before and after the patch (its DWARF) and refuses the changes that code
/// or data staying in the running kernel would see; changes the author allowed with --allow-type-change are returned
/// as warning lines for the description. An allowed name that matches none of them is refused while other types changed
/// (a misspelt name would leave its author believing an allowance is in force), and a warning otherwise.
/// </summary>
public static class CheckTypesStep
{
    public static CheckedTypes Run(CreateContext context, BuiltObjects built, PostTree post, IReadOnlyList<TargetedDiff> diffs)
    {
        var results = new List<TypeCheckResult>();
        foreach (var objectPath in built.Objects)
        {
            var diff = diffs.FirstOrDefault(d => d.Diff.ObjectPath == objectPath)?.Diff;
            results.Add(TypeChangeCheck.Check(new TypeCheckRequest(objectPath, context.Source.FullPath(objectPath), post.FullPath(objectPath))
            {
                ReplacedFunctions = diff?.Changed.Select(f => f.Pre!.Name).ToList() ?? [],
                NewFunctions = diff?.Added.Select(f => f.Name).ToList() ?? [],
                AllowedTypes = context.Request.AllowedTypeChanges,
            }));
        }
        var unmatched = AllowedTypeChanges.Unmatched(context.Request.AllowedTypeChanges, results);
        var refusals = results.SelectMany(r => r.Refusals).GroupBy(r => (r.Kind, r.Name))
            .Select(g => (CreateRefusal)new TypeChangeRefusal(g.ToList()))
            .Concat(unmatched.Where(u => u.Refused).Select(u => new UnmatchedAllowanceRefusal(u))).ToList();
        foreach (var u in unmatched.Where(u => !u.Refused)) context.Progress.Warning(u.ToString());
        var warnings = AllowedTypeChanges.DescriptionLines(results.SelectMany(r => r.Allowed).Select(a => a.Name));
        foreach (var line in warnings) context.Progress.Warning(line);
        return new CheckedTypes(refusals, warnings);
    }
}
