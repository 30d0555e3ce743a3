using Ksplice.Diff.Tests.Cases;
using Ksplice.Elf.IO;
using Xunit;

namespace Ksplice.Diff.Tests;

/// <summary>Every case of Data/cases.txt: compile pre.c and post.c, compare, check the expectations.</summary>
public class FixtureDiffTests
{
    public static TheoryData<string> Cases => FixtureCases.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Differ_reports_what_the_case_expects(string name)
    {
        var c = FixtureCases.Get(name);
        var diff = Compare(c);
        DiffOutcome.AssertMatches(c, diff);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Comparing_an_object_with_itself_finds_nothing(string name)
    {
        var c = FixtureCases.Get(name);
        var path = FixtureSources.Compile(c, "post");
        var diff = ObjectDiffer.Compare(name + ".o", ElfReader.ReadFile(path), ElfReader.ReadFile(path));
        Assert.False(diff.HasChanges, string.Join("\n", ObjectDiffPrinter.Print(diff, verbose: true)));
    }

    [Fact]
    public void Every_fixture_directory_has_a_case()
    {
        var dirs = Directory.GetDirectories(FixtureSources.Directory).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToList();
        var cases = FixtureCases.Cases.Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(dirs, cases);
    }

    public static Model.ObjectDiff Compare(DiffCase c) =>
        ObjectDiffer.Compare(c.Name + ".o", ElfReader.ReadFile(FixtureSources.Compile(c, "pre")), ElfReader.ReadFile(FixtureSources.Compile(c, "post")));
}
