using Ksplice.Apply.Applying;
using Ksplice.Match;
using Ksplice.Match.Symbols;
using Xunit;

namespace Ksplice.Apply.Tests.Applying;

public sealed class FtraceUsersTests
{
    private const ulong Function = 0xffffffff81400000;
    private const ulong Trampoline = 0xffffffffc0201000;

    private static readonly Kallsyms Symbols = Kallsyms.Parse(
        $"{Function:x} t cmdline_proc_show\n{Trampoline:x} t ftrace_trampoline\t[__builtin__ftrace]\n");

    private static MatchResult Matched(params byte[] first5)
    {
        var bytes = first5.Concat(new byte[] { 0x55, 0x48, 0x89, 0xe5, 0xc3 }).ToArray();
        return new MatchResult([new MatchedFunction("fs/proc/cmdline.o", "vmlinux", "cmdline_proc_show", ".text.cmdline_proc_show",
            Function, bytes, 5)], [], [], []);
    }

    private static byte[] CallTo(ulong target) =>
        [0xe8, .. BitConverter.GetBytes((int)(long)(target - (Function + 5)))];

    [Fact]
    public void FentryNopIsNoCall() => Assert.Null(Matched(0x0f, 0x1f, 0x44, 0x00, 0x00).Functions[0].FentryCallTarget);

    [Fact]
    public void FentryCallTargetIsTheCallee() => Assert.Equal(Trampoline, Matched(CallTo(Trampoline)).Functions[0].FentryCallTarget);

    [Fact]
    public void NamesTheLivepatchThatRedirectsTheFunction()
    {
        var enabled = "version_proc_show (1)           \n" +
                      "cmdline_proc_show (1)    I     \ttramp: 0xffffffffc0201000 (klp_ftrace_handler+0x0/0xd0) ->klp_ftrace_handler+0x0/0xd0\n";
        var note = Assert.Single(FtraceUsers.Notes(Matched(CallTo(Trampoline)), Symbols, enabled));
        Assert.Contains("its fentry site calls ftrace_trampoline+0x0 [__builtin__ftrace]", note);
        Assert.Contains("(klp_ftrace_handler+0x0/0xd0)", note);
        Assert.Contains("flag I", note);
    }

    [Fact]
    public void TheFunctionTracerIsNotARedirection()
    {
        var note = Assert.Single(FtraceUsers.Notes(Matched(CallTo(Trampoline)), Symbols,
            "cmdline_proc_show (1)       \ttramp: 0xffffffffc0201000 (function_trace_call+0x0/0x130) ->function_trace_call+0x0/0x130\n"));
        Assert.Contains("function_trace_call", note);
        Assert.DoesNotContain("flag I", note);
    }

    [Fact]
    public void AnotherUpdatesReservationIsNotAConflict()
    {
        var note = Assert.Single(FtraceUsers.Notes(Matched(CallTo(Trampoline)), Symbols,
            "cmdline_proc_show (1)    I     \ttramp: 0xffffffffc0201000 (reserve_callback+0x0/0x10 [ksplice_core]) ->reserve_callback+0x0/0x10 [ksplice_core]\n"));
        Assert.Contains("the reservation of an applied ksplice update", note);
        Assert.DoesNotContain("ftrace_conflict", note);
    }

    [Fact]
    public void NothingWhenNoFentrySiteIsACall() =>
        Assert.Empty(FtraceUsers.Notes(Matched(0x0f, 0x1f, 0x44, 0x00, 0x00), Symbols, ""));
}
