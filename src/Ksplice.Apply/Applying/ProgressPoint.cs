namespace Ksplice.Apply.Applying;

/// <summary>
/// The points between the steps of apply and undo where a killed run leaves the kernel in a state of its own (the next
/// apply or undo recovers from each; docs/DESIGN.md, section 3, "Interrupted runs"). <see cref="UpdateApplier"/> and
/// <see cref="UpdateUndoer"/> report each one as they pass it; <c>KSPLICE_FAULT</c> names one (<see cref="ProgressPoints"/>).
/// </summary>
public enum ProgressPoint
{
    /// <summary>Apply: the installed core is loaded; the update module is not.</summary>
    CoreLoaded,

    /// <summary>Apply: the update module is loaded, in stage preparing; nothing is recorded yet.</summary>
    UpdateLoaded,

    /// <summary>Apply: the record in /var/lib/ksplice/ID is written; "applied" is written to the stage next.</summary>
    Recorded,

    /// <summary>Undo: the core reversed the update; its module is still loaded and its record kept.</summary>
    Reversed,
}
