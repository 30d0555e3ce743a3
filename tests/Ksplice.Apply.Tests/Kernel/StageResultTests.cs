using Ksplice.Abi;
using Ksplice.Apply.Kernel;
using Xunit;

namespace Ksplice.Apply.Tests.Kernel;

public sealed class StageResultTests
{
    private const string Debug = """
        apply hooks_demo
        call_failed: check_apply hook ksplice_domainname_check returned -16
        attempt 1: call_failed pause_us=120
        """;

    [Fact]
    public void The_failure_details_are_the_core_lines_that_start_with_the_cause_name()
    {
        var result = new StageResult(UpdateStage.Preparing, AbortCause.CallFailed, [], Debug);
        Assert.Equal(["check_apply hook ksplice_domainname_check returned -16"], result.FailureDetails);
    }

    [Fact]
    public void A_stage_that_did_not_change_without_a_cause_is_unexpected_with_no_details()
    {
        var result = new StageResult(UpdateStage.Preparing, AbortCause.Ok, [], Debug);
        Assert.Equal(AbortCause.Unexpected, result.Failure);
        Assert.Empty(result.FailureDetails);
    }
}
