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
        RefusalReason.UnsupportedSectionChanged =>
            "the patch changes a section that a live update cannot carry",
        RefusalReason.AmbiguousCorrelation =>
            "a symbol could not be matched unambiguously between the original and patched objects",
        _ => reason.ToString(),
    };

    /// <summary>What the refused symbol is, for "refused data foo: ..." lines.</summary>
    public static string Subject(RefusalReason reason) => reason switch
    {
        RefusalReason.DataInitialValueChanged or RefusalReason.DataSizeChanged or RefusalReason.NewPerCpuData => "data",
        RefusalReason.InitCodeChanged => "init code",
        RefusalReason.UnsupportedSectionChanged => "section",
        _ => "symbol",
    };
}
