using Ksplice.Corpus;
using Xunit;

namespace Ksplice.EndToEnd.Tests;

/// <summary>The corpus runner's reading of a case folder and its verdict on create runs, without a kernel.</summary>
public sealed class CorpusRunnerTests : IDisposable
{
    private readonly string _corpus = Directory.CreateTempSubdirectory("ksplice-corpus-test-").FullName;

    public void Dispose() => Directory.Delete(_corpus, recursive: true);

    private CorpusCase AddCase(string name, string expect, string? setup = null)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_corpus, name)).FullName;
        File.WriteAllText(Path.Combine(dir, "patch"), "--- a/x.c\n+++ b/x.c\n");
        File.WriteAllText(Path.Combine(dir, "expect"), expect + "\n");
        if (setup is not null) File.WriteAllText(Path.Combine(dir, "setup"), setup);
        return new CorpusCase(name, dir, CorpusExpectations.TryParse(expect, out var e) ? e : default);
    }

    [Fact]
    public void Any_folder_of_cases_loads_in_name_order_with_setup_modules()
    {
        AddCase("zeta", "refused");
        AddCase("alpha-1", "applies", "modprobe -q xfs\nmodprobe nf_tables && echo ok\n");
        var cases = CorpusCase.Load(_corpus);
        Assert.Equal(["alpha-1", "zeta"], cases.Select(c => c.Name));
        Assert.Equal("alpha_1", cases[0].Id);
        Assert.Equal(["xfs", "nf_tables"], cases[0].SetupModules);
        Assert.Equal(CorpusExpectation.Refused, cases[1].Expect);
    }

    [Fact]
    public void A_long_case_name_gets_a_valid_distinct_id()
    {
        var a = CorpusCase.IdFor("stable-ext4-xattr-refcount-saturate");
        var b = CorpusCase.IdFor("stable-ext4-xattr-refcount-saturatf");
        Assert.True(Ksplice.Package.UpdateId.IsValid(a), a);
        Assert.Equal(CorpusCase.MaximumIdLength, a.Length);
        Assert.StartsWith("stable_ext4_xattr_refco", a);
        Assert.NotEqual(a, b);
        Assert.Equal("short_one", CorpusCase.IdFor("short-one"));
    }

    [Fact]
    public void An_unknown_expectation_names_the_file_and_the_known_words()
    {
        AddCase("odd", "maybe");
        var e = Assert.Throws<InvalidDataException>(() => CorpusCase.Load(_corpus));
        Assert.Contains(Path.Combine(_corpus, "odd", "expect") + ":1: 'maybe'", e.Message);
        Assert.Contains("applies, no-change, refused", e.Message);
    }

    [Fact]
    public void Selecting_an_unknown_case_lists_the_known_ones()
    {
        AddCase("one", "applies");
        var e = Assert.Throws<ArgumentException>(() => CorpusCase.Select(CorpusCase.Load(_corpus), ["two"]));
        Assert.Contains("no case two", e.Message);
        Assert.Contains("one", e.Message);
    }

    [Theory]
    [InlineData("no-change", 66, "ksplice-create: No changes detected", CaseOutcome.NoChange, true)]
    [InlineData("applies", 66, "ksplice-create: No changes detected", CaseOutcome.NoChange, false)]
    [InlineData("refused", 1, "ksplice-create: init/main.c: __init code changed", CaseOutcome.RefusedAtCreate, true)]
    [InlineData("refused", 1, "", CaseOutcome.Failed, false)]
    [InlineData("refused", 134, "Unhandled exception. System.NullReferenceException\n   at Ksplice.Foo()", CaseOutcome.Failed, false)]
    [InlineData("applies", 66, "nothing", CaseOutcome.Failed, false)]
    public void Create_alone_decides_cases_it_ends(string expect, int exit, string error, CaseOutcome outcome, bool asExpected)
    {
        var c = AddCase("c", expect);
        var result = CaseJudge.FromCreate(c, new CreateRun(exit, "", error, null, TimeSpan.FromSeconds(3)));
        Assert.NotNull(result);
        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(asExpected, result.AsExpected);
        Assert.Equal(TimeSpan.FromSeconds(3), result.CreateTime);
    }

    [Fact]
    public void A_created_update_goes_to_the_guest_unless_no_change_was_expected()
    {
        var run = new CreateRun(0, "Ksplice update tarball written to ksplice-c.tar.gz", "", "/nonexistent.tar.gz", TimeSpan.FromSeconds(1));
        Assert.Null(CaseJudge.FromCreate(AddCase("a", "applies"), run));
        Assert.Null(CaseJudge.FromCreate(AddCase("r", "refused"), run));
        var noChange = CaseJudge.FromCreate(AddCase("n", "no-change"), run);
        Assert.Equal(CaseOutcome.Created, noChange!.Outcome);
        Assert.False(noChange.AsExpected);
    }
}
