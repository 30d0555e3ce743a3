using Ksplice.Diff.Tests.Cases;
using Xunit;

namespace Ksplice.Diff.Tests;

/// <summary>Data/cases.txt, read once.</summary>
public static class FixtureCases
{
    private static readonly Lazy<IReadOnlyList<DiffCase>> All = new(() =>
        DiffCaseParser.ParseFile(Path.Combine(AppContext.BaseDirectory, "Data", "cases.txt")));

    public static IReadOnlyList<DiffCase> Cases => All.Value;

    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var c in Cases) data.Add(c.Name);
            return data;
        }
    }

    public static DiffCase Get(string name) => Cases.Single(c => c.Name == name);
}
