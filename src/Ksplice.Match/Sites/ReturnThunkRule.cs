using Ksplice.Elf.Special;

namespace Ksplice.Match.Sites;

/// <summary>
/// .return_sites: the compiled <c>jmp __x86_return_thunk</c>. apply_returns() writes <c>ret</c> and int3 padding, or a
/// jump to the return thunk the CPU needs (x86_return_thunk: srso, retbleed, ITS thunks), or leaves it. A conditional
/// jump to the thunk is never rewritten in 6.1, so it keeps its condition. Either jump must reach a return thunk.
/// </summary>
internal sealed class ReturnThunkRule : ISiteRule
{
    public SitePatchKind Kind => SitePatchKind.ReturnThunk;
    public IReadOnlyList<string> Forms { get; } = ["ret+int3", "jmp-thunk", "jcc-thunk"];

    public string? Accept(SiteCheck site)
    {
        var pre = site.Pre;
        var running = site.Running;
        if (site.Length == 5 && pre[0] == 0xe9)
        {
            if (running[0] == 0xc3 && site.Int3sFrom(1)) return "ret+int3";
            if (running[0] == 0xe9) return site.RunningTargetIsOneOf(KernelBranchTargets.ReturnThunks) ? "jmp-thunk" : null;
            return null;
        }
        if (site.Length == 6 && pre[0] == 0x0f && (pre[1] & 0xf0) == 0x80)
            return running[0] == pre[0] && running[1] == pre[1] && site.RunningTargetIsOneOf(KernelBranchTargets.ReturnThunks) ? "jcc-thunk" : null;
        return null;
    }
}
