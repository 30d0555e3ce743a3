namespace Ksplice.Abi;

/// <summary>One abort cause: the name /sys/kernel/ksplice/&lt;id&gt;/abort_cause shows, the advice for the user, and
/// whether the conflicts file (the tasks that blocked the update) is worth showing with it.</summary>
public sealed record AbortCauseInfo(AbortCause Cause, string WireName, bool ShowsConflicts, string Advice);
