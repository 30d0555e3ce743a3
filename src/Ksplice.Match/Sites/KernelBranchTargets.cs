namespace Ksplice.Match.Sites;

/// <summary>
/// Where Linux 6.1 may point a branch it writes at a patch site: the code it patches in only ever branches to these, so
/// a running branch anywhere else was written by someone else (another live patcher, a hook) and the site does not match.
/// The names are the running kernel's (kallsyms); a target is accepted when any name at its address is listed.
/// </summary>
internal static class KernelBranchTargets
{
    /// <summary>apply_returns(): x86_return_thunk is one of the return thunks of arch/x86/lib/retpoline.S.</summary>
    public static IReadOnlyList<string> ReturnThunks { get; } =
        ["__x86_return_thunk", "srso_return_thunk", "srso_alias_return_thunk", "its_return_thunk", "retbleed_return_thunk"];

    /// <summary>patch_retpoline() keeps a thunk call on the register's thunk, plain or ITS.</summary>
    public static IReadOnlyList<string> IndirectThunks(string register) =>
        [$"__x86_indirect_thunk_{register}", $"__x86_indirect_its_thunk_{register}"];

    /// <summary>
    /// A function's fentry call: the compiled __fentry__, ftrace's own callers, a trampoline ftrace allocated for one
    /// ftrace_ops (kallsyms: ftrace_trampoline [__builtin__ftrace]), or a BPF trampoline (bpf_trampoline_KEY [bpf]).
    /// </summary>
    public static IReadOnlyList<string> FentryCallers { get; } = ["__fentry__", "ftrace_caller", "ftrace_regs_caller", "ftrace_trampoline"];

    public const string BpfTrampolinePrefix = "bpf_trampoline_";

    /// <summary>A static call's key is __SCK__NAME; its trampoline, the compiled target of every call site, is __SCT__NAME.</summary>
    public const string StaticCallKeyPrefix = "__SCK__";
    public const string StaticCallTrampolinePrefix = "__SCT__";

    public static bool IsFentryCaller(IEnumerable<string> names) =>
        names.Any(n => FentryCallers.Contains(n) || n.StartsWith(BpfTrampolinePrefix, StringComparison.Ordinal));
}
