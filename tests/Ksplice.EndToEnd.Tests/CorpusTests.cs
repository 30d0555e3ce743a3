using Xunit;

namespace Ksplice.EndToEnd.Tests;

/// <summary>
/// Every corpus case, end to end: ksplice-create on the Debian tree, then, for cases that apply, ksplice-apply, the
/// case's check, ksplice-view, the trampoline bytes, a working machine, ksplice-undo and the check failing again, all
/// in the booted Debian kernel.
/// </summary>
[Collection(GuestCollection.Name)]
public class CorpusTests(CorpusGuestFixture guest)
{
    public static TheoryData<string> Cases => new(CorpusCase.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Corpus_case_has_its_expected_outcome(string name)
    {
        var c = CorpusCase.Named(name);
        var create = guest.Creates[name];
        switch (c.Expect)
        {
            case "no-change":
                Assert.True(create.ExitCode == 66, create.Describe());
                Assert.Contains("No changes detected", create.Error);
                break;
            case "refused":
                Assert.True(create.ExitCode != 0, create.Describe());
                break;
            case "applies":
                Assert.True(create.ExitCode == 0, create.Describe());
                Assert.NotEmpty(create.Manifest.Functions);
                var result = guest.Result.Case(c.Id);
                Assert.True(result.Passed, $"{name} in the guest:\n{result.Output}\n{guest.Result.Describe()}");
                Assert.Contains($"PASS: {c.Id}", result.Output);
                break;
            default:
                Assert.Fail($"{c.Directory}/expect says '{c.Expect}', which is not applies, no-change or refused");
                break;
        }
    }

    [Fact]
    public void The_guest_stays_healthy_through_every_case()
    {
        Assert.True(guest.Result.Problems.Count == 0 && !guest.Result.TimedOut, guest.Result.Describe());
    }

    [Fact]
    public void The_demo_patch_prints_quoth_the_kernel_while_applied()
    {
        var result = guest.Result.Case("demo_quoth");
        Assert.True(result.Passed, result.Output);
        Assert.Contains("PASS: demo_quoth", result.Output);
    }

    [Theory]
    [InlineData("two_at_once_undo_in_order")]
    [InlineData("two_at_once_undo_reversed")]
    [InlineData("mismatch_refused")]
    [InlineData("dry_run_changes_nothing")]
    [InlineData("apply_twice_refused")]
    [InlineData("foreign_update_refused")]
    [InlineData("bad_tarballs_refused")]
    [InlineData("undo_unknown_refused")]
    public void Guest_case_passes(string name)
    {
        var result = guest.Result.Case(name);
        Assert.True(result.Passed, $"{name}:\n{result.Output}");
        Assert.Contains("PASS", result.Output);
    }
}
