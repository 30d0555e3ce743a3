namespace Ksplice.Diff.Model;

/// <summary>Why a change cannot be carried by a live update. Each value has one explanation in <see cref="RefusalText"/>.</summary>
public enum RefusalReason
{
    /// <summary>An existing writable variable has a different initial value after the patch.</summary>
    DataInitialValueChanged,
    /// <summary>An existing variable changed size (its users in the running kernel would disagree about its layout).</summary>
    DataSizeChanged,
    /// <summary>A new per-CPU variable: per-CPU areas are laid out at boot.</summary>
    NewPerCpuData,
    /// <summary>A changed function lives in an init section that has been freed after boot.</summary>
    InitCodeChanged,
    /// <summary>A changed function lives in code the kernel forbids patching (noinstr, entry, idle).</summary>
    UnpatchableCodeChanged,
    /// <summary>A section the differ does not know how to carry changed (named in the detail).</summary>
    UnsupportedSectionChanged,
    /// <summary>Two post symbols correlate to one pre symbol, or the reverse, and the correlation cannot be decided.</summary>
    AmbiguousCorrelation,
}
