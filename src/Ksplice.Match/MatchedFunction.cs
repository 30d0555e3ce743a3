using Ksplice.Abi;

namespace Ksplice.Match;

/// <summary>
/// A pre function found in the running kernel: its address, the running bytes that were compared (the core module
/// re-verifies exactly these under stop_machine and checks stacks against their range), and where the trampoline goes
/// (5 past the fentry NOP, else 0). <see cref="RunningBytes"/> is the running function, whose length may differ from the
/// pre code's: a jump to another function of the object is a rel32 in the pre object (-ffunction-sections) but may run
/// as a rel8 when the kernel was built without, so <see cref="Size"/> is the running size.
/// </summary>
public sealed record MatchedFunction(
    string ObjectPath,
    string Target,
    string Symbol,
    string Section,
    ulong Address,
    byte[] RunningBytes,
    int TrampolineOffset)
{
    public int Size => RunningBytes.Length;

    /// <summary>
    /// Where the running fentry site calls, when it is a call rather than ftrace's NOP: some ftrace user (the function
    /// tracer, a kprobe, a livepatch, another update's reservation) traces the function right now. Null otherwise.
    /// </summary>
    public ulong? FentryCallTarget =>
        TrampolineOffset == Trampoline.FentrySize && RunningBytes.Length >= Trampoline.FentrySize && RunningBytes[0] == 0xe8
            ? unchecked(Address + Trampoline.FentrySize + (ulong)(long)BitConverter.ToInt32(RunningBytes, 1))
            : null;
}
