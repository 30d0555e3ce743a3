using Xunit;

namespace Ksplice.Vm.Tests;

public sealed class HiddenReturnBoot() : BootFixture("hidden.sh", Cases)
{
    public static readonly string[] Cases =
    [
        "hidden_setup",
        "apply_blocked_behind_kretprobe",
        "apply_blocked_behind_function_graph",
        "apply_succeeds_with_no_thread_inside",
    ];
}

/// <summary>
/// The stack check finds a thread inside the patched function when a kretprobe or the function graph tracer replaced
/// the return address into it (tests/vm/cases/hidden.sh).
/// </summary>
public sealed class HiddenReturnTests(HiddenReturnBoot boot) : IClassFixture<HiddenReturnBoot>
{
    private readonly GuestResult _guest = boot.Result;

    [Fact]
    public void BootIsHealthy() => _guest.EnsureHealthy();

    [Fact]
    public void SetUp() => _guest.EnsurePassed("hidden_setup");

    /// <summary>A kretprobe on the callee the thread sleeps in: code_busy naming the thread and the function.</summary>
    [Fact]
    public void ApplyIsCodeBusyBehindAKretprobe() => _guest.EnsurePassed("apply_blocked_behind_kretprobe");

    /// <summary>The function graph tracer tracing that callee: code_busy naming the thread and the function.</summary>
    [Fact]
    public void ApplyIsCodeBusyBehindTheFunctionGraphTracer() => _guest.EnsurePassed("apply_blocked_behind_function_graph");

    /// <summary>Once the thread has left, the same update applies and undoes.</summary>
    [Fact]
    public void ApplySucceedsOnceTheThreadHasLeft() => _guest.EnsurePassed("apply_succeeds_with_no_thread_inside");
}
