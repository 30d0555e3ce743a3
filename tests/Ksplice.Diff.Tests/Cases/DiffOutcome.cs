using Ksplice.Diff.Model;

namespace Ksplice.Diff.Tests.Cases;

/// <summary>Checks an <see cref="ObjectDiff"/> against a case, with a message that shows the whole result on failure.</summary>
public static class DiffOutcome
{
    public static DiffExpectation Of(ObjectDiff diff) => new(
        Names(diff.Changed.Select(f => f.Name)),
        Names(diff.Added.Select(f => f.Name)),
        Names(diff.Removed.Select(f => f.Name)),
        Names(diff.Data.Where(d => d.Kind == ChangeKind.New).Select(d => d.Name)),
        Names(diff.Data.Where(d => d.Kind == ChangeKind.Changed).Select(d => d.Name)),
        Names(diff.Data.Where(d => d.Kind == ChangeKind.Removed).Select(d => d.Name)),
        Names(diff.Refusals.Select(r => $"{r.Symbol}:{r.Reason}")),
        []);

    public static void AssertMatches(DiffCase c, ObjectDiff diff)
    {
        var actual = Of(diff);
        var e = c.Expect;
        var problems = new List<string>();
        Check("changed", e.Changed, actual.Changed);
        Check("new", e.New, actual.New);
        Check("removed", e.Removed, actual.Removed);
        Check("data-new", e.DataNew, actual.DataNew);
        Check("data-changed", e.DataChanged, actual.DataChanged);
        Check("data-removed", e.DataRemoved, actual.DataRemoved);
        Check("refused", e.Refused, actual.Refused);
        foreach (var (post, pre) in e.Twins)
        {
            var found = diff.Correlation.Where(kv => kv.Key.Name == post && !kv.Key.IsSection).Select(kv => kv.Value.Name).ToList();
            if (found.Count != 1 || found[0] != pre)
                problems.Add($"twin {post}>{pre}: {(found.Count == 0 ? "not correlated" : "correlated with " + string.Join(", ", found))}");
        }
        if (problems.Count == 0) return;
        var printed = string.Join("\n  ", ObjectDiffPrinter.Print(diff, verbose: true));
        throw new Xunit.Sdk.XunitException($"{c.Where}: case '{c.Name}':\n  {string.Join("\n  ", problems)}\ndiffer output:\n  {printed}");

        void Check(string key, IReadOnlyList<string> expected, IReadOnlyList<string> got)
        {
            if (!expected.SequenceEqual(got))
                problems.Add($"{key}: expected [{string.Join(",", expected)}], got [{string.Join(",", got)}]");
        }
    }

    private static List<string> Names(IEnumerable<string> names) => names.Order(StringComparer.Ordinal).ToList();
}
