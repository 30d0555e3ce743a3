using Ksplice.Corpus;
using Ksplice.TestSupport;
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
    public static TheoryData<string> Cases => new(VisibleCorpus.All.Concat(ProjectCases.All).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Corpus_case_has_its_expected_outcome(string name)
    {
        var result = guest.Report.Case(name);
        Assert.True(result.AsExpected, $"{result.Describe()}\n{guest.Run.Creates.GetValueOrDefault(name)?.Describe()}\n{guest.Report.Table()}");
        if (result.Outcome == CaseOutcome.Applied) Assert.NotEmpty(guest.Run.Creates[name].Manifest.Functions);
    }

    [Fact]
    public void The_table_has_a_row_per_case_with_create_and_apply_times()
    {
        var table = guest.Report.Table().Split('\n');
        Assert.StartsWith("case", table[0]);
        foreach (var r in guest.Report.Results)
        {
            var row = Assert.Single(table, l => l.StartsWith(r.Case.Name + " ", StringComparison.Ordinal));
            Assert.Contains(r.Case.ExpectWord, row);
            Assert.True(r.CreateTime > TimeSpan.Zero, row);
            if (r.Outcome is CaseOutcome.Applied or CaseOutcome.RefusedAtApply) Assert.NotNull(r.ApplyTime);
        }
        Assert.Contains($"{guest.Report.Results.Count(r => r.AsExpected)} of {guest.Report.Results.Count} cases as expected", guest.Report.Table());
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
    [InlineData("state_is_root_only")]
    [InlineData("foreign_update_refused")]
    [InlineData("bad_tarballs_refused")]
    [InlineData("undo_unknown_refused")]
    [InlineData("shadows_freed_on_undo")]
    [InlineData("check_apply_refusal_names_the_hook")]
    [InlineData("every_hook_runs_in_order")]
    [InlineData("livepatch_and_update_of_one_function")]
    [InlineData("apply_killed_after_core_load_recovers")]
    [InlineData("apply_killed_after_update_load_recovers")]
    [InlineData("apply_killed_before_applied_recovers_by_undo")]
    [InlineData("undo_killed_after_reverse_recovers")]
    [InlineData("apply_and_undo_20_times_under_reads")]
    [InlineData("partial_without_a_module_whose_tracepoints_it_names")]
    [InlineData("undo_keeps_the_code_a_timer_still_runs")]
    public void Guest_case_passes(string name)
    {
        var result = guest.Result.Case(name);
        Assert.True(result.Passed, $"{name}:\n{result.Output}");
        Assert.Contains("PASS", result.Output);
    }
}
