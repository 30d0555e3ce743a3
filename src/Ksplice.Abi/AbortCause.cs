namespace Ksplice.Abi;

/// <summary>
/// Why the kernel (or the matcher, for <see cref="NoMatch"/> and <see cref="FailedToFind"/>) refused an update.
/// The order is the wire order of kmod/include/ksplice_abort_causes.h, the one C list; a test keeps them equal. The wire
/// names, advice and whether conflicts are shown live in <see cref="AbortCauses"/>.
/// </summary>
public enum AbortCause
{
    Ok,
    NoMatch,
    CodeBusy,
    ModuleBusy,
    OutOfMemory,
    FailedToFind,
    AlreadyReversed,
    MissingExport,
    UnexpectedRunningTask,
    TargetNotLoaded,
    CallFailed,
    ColdUpdateLoaded,
    TextReserved,
    FtraceConflict,
    Unexpected,
}
