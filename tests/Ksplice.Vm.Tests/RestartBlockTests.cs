using Xunit;

namespace Ksplice.Vm.Tests;

public sealed class RestartBlockBoot() : BootFixture("restart.sh", Cases)
{
    public static readonly string[] Cases =
    [
        "restart_setup",
        "undo_refused_while_a_stopped_task_would_restart_into_the_update",
        "the_stopped_task_restarts_through_the_update",
        "undo_succeeds_once_the_task_is_gone",
    ];
}

/// <summary>
/// Undo refuses while a task's restart_block.fn points into the update module (an interrupted system call the new code
/// set up, which the task would restart into freed memory), and succeeds once the task is gone
/// (tests/vm/cases/restart.sh).
/// </summary>
public sealed class RestartBlockTests(RestartBlockBoot boot) : IClassFixture<RestartBlockBoot>
{
    private readonly GuestResult _guest = boot.Result;

    [Fact]
    public void BootIsHealthy() => _guest.EnsureHealthy();

    [Fact]
    public void SetUp() => _guest.EnsurePassed("restart_setup");

    /// <summary>A task stopped by SIGSTOP out of the new code, with restart_block.fn = restart_again: code_busy naming it.</summary>
    [Fact]
    public void UndoIsCodeBusyNamingTheTaskAndItsRestartFunction() =>
        _guest.EnsurePassed("undo_refused_while_a_stopped_task_would_restart_into_the_update");

    /// <summary>SIGCONT restarts the interrupted write through restart_again, in the update module: the pointer is live.</summary>
    [Fact]
    public void TheStoppedTaskRestartsThroughTheUpdatesFunction() => _guest.EnsurePassed("the_stopped_task_restarts_through_the_update");

    [Fact]
    public void UndoSucceedsOnceTheTaskIsGone() => _guest.EnsurePassed("undo_succeeds_once_the_task_is_gone");
}
