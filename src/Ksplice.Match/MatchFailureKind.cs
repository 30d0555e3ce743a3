namespace Ksplice.Match;

/// <summary>The abort cause a failure maps to (the kernel module's names, see kmod/include/ksplice_abort_causes.h).</summary>
public enum MatchFailureKind
{
    /// <summary><c>no_match</c>: the running code is not the pre code.</summary>
    NoMatch,
    /// <summary><c>failed_to_find</c>: no unique address for a function or symbol.</summary>
    FailedToFind,
}
