using Ksplice.Elf.Special;

namespace Ksplice.Match.Sites;

/// <summary>
/// __mcount_loc: the compiled <c>call __fentry__</c> (or the 5-byte NOP objtool --mcount puts there). ftrace writes
/// the 5-byte NOP at boot and a call to one of its trampolines while the function is traced (or a BPF trampoline); the
/// vmlinux file still has the call to __fentry__. The call's target is never learnt, since it depends on tracing, but it
/// must be one of those (<see cref="KernelBranchTargets.FentryCallers"/>). A running call means an ftrace user holds the
/// site now (<see cref="MatchedFunction.FentryCallTarget"/>; ksplice-apply names it). One that redirects the function
/// (IPMODIFY: a livepatch) would run before our jump at +5, so the core refuses the update then (ftrace_conflict)
/// instead of applying it without effect.
/// </summary>
internal sealed class FentryCallRule : ISiteRule
{
    public SitePatchKind Kind => SitePatchKind.FentryCall;
    public IReadOnlyList<string> Forms { get; } = ["nop5", "call"];

    public string? Accept(SiteCheck site)
    {
        if (site.Length != 5 || !(site.Pre[0] == 0xe8 || site.Pre.SequenceEqual(X86Nops.Of(5)))) return null;
        if (site.RunningIs(X86Nops.Of(5))) return "nop5";
        if (site.Running[0] == 0xe8) return KernelBranchTargets.IsFentryCaller(site.NamesAt(site.RunningInsn(0).Target)) ? "call" : null;
        return null;
    }
}
