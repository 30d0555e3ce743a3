using Ksplice.Diff.Tests.Cases;
using Xunit;

namespace Ksplice.Diff.Tests.Kernel;

/// <summary>Data/kernel.txt, read once; a case name is "corpus-case object".</summary>
public static class KernelCases
{
    private static readonly Lazy<IReadOnlyList<DiffCase>> All = new(() =>
        DiffCaseParser.ParseFile(Path.Combine(AppContext.BaseDirectory, "Data", "kernel.txt")));

    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var c in All.Value) data.Add(c.Name);
            return data;
        }
    }

    public static DiffCase Get(string name) => All.Value.Single(c => c.Name == name);
}
