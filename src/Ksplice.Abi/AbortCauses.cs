namespace Ksplice.Abi;

/// <summary>The table of abort causes, in wire order, and lookups over it (modelled on ksplice-apply's messages).</summary>
public static class AbortCauses
{
    private const string ReportBug = "Please consider reporting a bug.";

    public static IReadOnlyList<AbortCauseInfo> All { get; } =
    [
        new(AbortCause.Ok, "ok", false,
            "Ksplice has aborted for unknown reasons: the kernel reported no error but did not change the update's " +
            "stage. " + ReportBug),
        new(AbortCause.NoMatch, "no_match", false,
            "Ksplice has aborted the update because the object code built from your source does not match the " +
            "running kernel's, or the running code changed after it was matched. If you provided the exact source of " +
            "the running kernel, your compiler or assembler behaves differently from the ones that built it: use " +
            "exactly those. If the code changed since matching (another update, a tracer), run the command again."),
        new(AbortCause.CodeBusy, "code_busy", true,
            "Ksplice has aborted the update because the code you are trying to patch is continuously in use by the " +
            "system: it did not find a moment, in several attempts, when none of the functions to be replaced was on " +
            "a thread's kernel stack. Trying again later usually works; the threads below were using that code."),
        new(AbortCause.ModuleBusy, "module_busy", false,
            "Ksplice has aborted the undo because the update is in use: another update (or a tracer) has since " +
            "patched the same code, or another module depends on the update. Undo the later updates first."),
        new(AbortCause.OutOfMemory, "out_of_memory", false,
            "Ksplice has aborted the update because the kernel ran out of memory."),
        new(AbortCause.FailedToFind, "failed_to_find", false,
            "Ksplice has aborted the update because it was unable to resolve some of the symbols used in the update " +
            "in the running kernel."),
        new(AbortCause.AlreadyReversed, "already_reversed", false,
            "The Ksplice update that you are attempting to apply has already been applied and reversed. You need to " +
            "unload the Ksplice modules associated with this update before you can apply this update again."),
        new(AbortCause.MissingExport, "missing_export", false,
            "Ksplice has aborted the update because the symbols exported by the kernel did not match Ksplice's " +
            "expectations."),
        new(AbortCause.UnexpectedRunningTask, "unexpected_running_task", false,
            "Ksplice has aborted the update because of an unexpected failure during the kernel stack check. " + ReportBug),
        new(AbortCause.TargetNotLoaded, "target_not_loaded", false,
            "Ksplice has aborted the update because a module it changes is not loaded (or is being unloaded). Load " +
            "the module and try again, or apply with --partial to leave out the parts for modules that are not loaded."),
        new(AbortCause.CallFailed, "call_failed", false,
            "Ksplice has aborted the update because one of the update's own hook functions reported a failure."),
        new(AbortCause.ColdUpdateLoaded, "cold_update_loaded", false,
            "A module the update changes was loaded while the update was applied without it (--partial): the core " +
            "refused to load that module, which would have run the code the update fixes. Undo the update, load the " +
            "module, then apply the update again."),
        new(AbortCause.TextReserved, "text_reserved", false,
            "Ksplice has aborted the update because the jump it writes at the start of a function would cover code " +
            "the kernel itself rewrites while running (a jump label, such as a static branch or a tracepoint, or a " +
            "static call): switching that key or call later would find the jump and crash the kernel, or silently " +
            "undo the update. Nothing was changed. Patch the function's callers instead, or move the change so that " +
            "this function stays as it is."),
        new(AbortCause.FtraceConflict, "ftrace_conflict", false,
            "Ksplice has aborted the update because another ftrace user that redirects functions (a livepatch, a " +
            "kpatch module, or another IPMODIFY ftrace_ops) already redirects a function the update replaces: that " +
            "redirection runs first, so the update would have no effect. The function is named below; " +
            "/sys/kernel/tracing/enabled_functions shows its holder. Disable and remove that patch first (e.g. " +
            "echo 0 > /sys/kernel/livepatch/NAME/enabled), or leave the function to it."),
        new(AbortCause.Unexpected, "unexpected", false,
            "Ksplice has aborted because of an unexpected error (see the debug output). " + ReportBug),
    ];

    public static AbortCauseInfo Info(this AbortCause cause) =>
        (int)cause >= 0 && (int)cause < All.Count ? All[(int)cause]
            : throw new ArgumentOutOfRangeException(nameof(cause), cause, "not an abort cause");

    /// <summary>The sysfs text, e.g. <c>code_busy</c>; what --raw-errors prints first.</summary>
    public static string WireName(this AbortCause cause) => cause.Info().WireName;

    public static string Advice(this AbortCause cause) => cause.Info().Advice;

    public static bool ShowsConflicts(this AbortCause cause) => cause.Info().ShowsConflicts;

    public static bool TryParse(string wireName, out AbortCause cause)
    {
        var info = All.FirstOrDefault(i => i.WireName == wireName.Trim());
        cause = info?.Cause ?? AbortCause.Unexpected;
        return info is not null;
    }

    public static AbortCause Parse(string wireName) =>
        TryParse(wireName, out var cause) ? cause
            : throw new FormatException(
                $"Unknown abort cause '{wireName.Trim()}' (known: {string.Join(", ", All.Select(i => i.WireName))}); " +
                "the kernel module is newer than this tool");
}
