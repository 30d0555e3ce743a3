using Xunit;

namespace Ksplice.Vm.Tests;

public sealed class CodeBusyBoot() : BootFixture("busy.sh", Cases)
{
    public static readonly string[] Cases =
    [
        "busy_setup",
        "apply_blocked_by_sleeping_kthread",
        "apply_succeeds_once_kthread_stopped",
        "undo_blocked_by_kthread_in_new_code",
        "undo_succeeds_once_kthread_stopped",
        "idle_task_of_every_cpu_is_checked",
    ];
}

/// <summary>The stack check with a kthread sleeping in the patched function (tests/vm/cases/busy.sh).</summary>
public sealed class CodeBusyTests(CodeBusyBoot boot) : IClassFixture<CodeBusyBoot>
{
    private readonly GuestResult _guest = boot.Result;

    [Fact]
    public void BootIsHealthy() => _guest.EnsureHealthy();

    [Fact]
    public void SetUp() => _guest.EnsurePassed("busy_setup");

    [Fact]
    public void ApplyIsCodeBusyAndNamesTheSleepingThread() => _guest.EnsurePassed("apply_blocked_by_sleeping_kthread");

    [Fact]
    public void ApplySucceedsOnceTheThreadIsStopped() => _guest.EnsurePassed("apply_succeeds_once_kthread_stopped");

    [Fact]
    public void UndoIsCodeBusyWhileTheThreadSleepsInTheNewCode() => _guest.EnsurePassed("undo_blocked_by_kthread_in_new_code");

    [Fact]
    public void UndoSucceedsOnceTheThreadIsStopped() => _guest.EnsurePassed("undo_succeeds_once_kthread_stopped");

    /// <summary>Every online CPU's idle task (on no task list) is checked: each blocks an update of cpu_startup_entry.</summary>
    [Fact]
    public void IdleTaskOfEveryCpuIsChecked() => _guest.EnsurePassed("idle_task_of_every_cpu_is_checked");
}
