namespace Ksplice.Match;

/// <summary>
/// A pre function found in the running kernel: its address, the running bytes that were compared (the core module
/// re-verifies exactly these under stop_machine), and where the trampoline goes (5 past the fentry NOP, else 0).
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
}
