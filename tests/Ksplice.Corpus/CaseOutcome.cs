namespace Ksplice.Corpus;

/// <summary>What happened to one case's patch.</summary>
public enum CaseOutcome
{
    /// <summary>Created, applied, its check passed, undone, and its check failed again.</summary>
    Applied,

    /// <summary>ksplice-create exited 66: "No changes detected".</summary>
    NoChange,

    /// <summary>ksplice-create refused it, saying why.</summary>
    RefusedAtCreate,

    /// <summary>ksplice-apply refused it in the guest, saying why, and the kernel was left as it was.</summary>
    RefusedAtApply,

    /// <summary>ksplice-create made an update that the case did not expect; it was not tried in the guest.</summary>
    Created,

    /// <summary>Anything else: a crash, a failed check, a kernel problem, a guest that did not run the case.</summary>
    Failed,

    /// <summary>The case could not be tried: a folder that is not a valid case, a module the guest kernel lacks, an
    /// error of the runner itself.</summary>
    Error,
}
