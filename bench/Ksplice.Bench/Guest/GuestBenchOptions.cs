namespace Ksplice.Bench.Guest;

/// <summary>
/// What the guest measurement boots with: the ksplice binary, the updates to apply (id and tarball), how many
/// apply/undo rounds, where the figures and the guest's logs go, and optionally where to save the guest's
/// /proc/kallsyms (the guest then boots with nokaslr, so the addresses are those of the vmlinux file).
/// </summary>
public sealed record GuestBenchOptions(
    string KspliceBinary,
    IReadOnlyList<GuestUpdate> Updates,
    int Rounds,
    int StressCycles,
    string FiguresPath,
    string LogDirectory,
    string? KallsymsOutput);
