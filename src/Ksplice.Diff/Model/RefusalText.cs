namespace Ksplice.Diff.Model;

/// <summary>The one sentence shown for each refusal reason.</summary>
public static class RefusalText
{
    public static string Explain(RefusalReason reason) => reason switch
    {
        RefusalReason.DataInitialValueChanged =>
            "the patch changes the initial value of an existing variable; the running kernel keeps its current value, so the update cannot carry this change",
        RefusalReason.DataSizeChanged =>
            "the patch changes the size of an existing variable; code in the running kernel still uses the old layout",
        RefusalReason.NewPerCpuData =>
            "the patch adds a per-CPU variable; per-CPU areas are laid out at boot and a module cannot extend the kernel's",
        RefusalReason.InitCodeChanged =>
            "the patch changes boot-time (__init) code, which has already run and been freed",
        RefusalReason.UnpatchableCodeChanged =>
            "the patch changes a function the kernel never lets anyone patch while it runs (noinstr, entry or idle code: it runs in NMI, exception or idle context, where a jump into an update's code is not safe)",
        RefusalReason.UnsupportedSectionChanged =>
            "the patch changes a section that a live update cannot carry",
        RefusalReason.AmbiguousCorrelation =>
            "a symbol could not be matched unambiguously between the original and patched objects",
        _ => reason.ToString(),
    };

    /// <summary>What to do about it: the last part of every refusal message shown with -v.</summary>
    public static string Remedy(RefusalReason reason) => reason switch
    {
        RefusalReason.DataInitialValueChanged =>
            "keep the old initializer and assign the new value from code the update changes, or apply the patch with a reboot",
        RefusalReason.DataSizeChanged =>
            "keep the variable's layout and add a new variable for what the patch needs, or apply the patch with a reboot",
        RefusalReason.NewPerCpuData =>
            "allocate the per-CPU data at run time (alloc_percpu) or reuse an existing per-CPU variable",
        RefusalReason.InitCodeChanged =>
            "leave the __init code and data unchanged; if the running kernel needs the effect, do it from code that runs after boot",
        RefusalReason.UnpatchableCodeChanged =>
            "move the fix into a function the noinstr code calls through instrumentation_begin()/end(), or one of its callers outside these sections, or apply the patch with a reboot",
        RefusalReason.UnsupportedSectionChanged =>
            "avoid adding to the section named in the detail (tracepoints, exports, parameters and similar tables are read at boot or load)",
        RefusalReason.AmbiguousCorrelation =>
            "give the statics named in the detail distinct names in the patch, or leave the function that holds them unchanged",
        _ => "",
    };

    /// <summary>What the refused symbol is, for "refused data foo: ..." lines.</summary>
    public static string Subject(RefusalReason reason) => reason switch
    {
        RefusalReason.DataInitialValueChanged or RefusalReason.DataSizeChanged or RefusalReason.NewPerCpuData => "data",
        RefusalReason.InitCodeChanged => "init code",
        RefusalReason.UnpatchableCodeChanged => "function",
        RefusalReason.UnsupportedSectionChanged => "section",
        _ => "symbol",
    };
}
