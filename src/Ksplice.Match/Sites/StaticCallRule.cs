using Ksplice.Elf.Special;

namespace Ksplice.Match.Sites;

/// <summary>
/// .static_call_sites: a compiled call, tail jump or Jcc to a static-call trampoline. __static_call_transform() writes
/// a call to the current function, the 5-byte NOP, or "cs cs cs xor %eax,%eax" (return0) at a call; a jump to the
/// function or <c>ret; int3 x4</c> at a tail call; a Jcc with the same condition at a Jcc. The target is not learnt:
/// it changes whenever static_call_update() runs.
/// </summary>
internal sealed class StaticCallRule : ISiteRule
{
    private static readonly byte[] Xor5Rax = [0x2e, 0x2e, 0x2e, 0x31, 0xc0];
    private static readonly byte[] RetInt3 = [0xc3, 0xcc, 0xcc, 0xcc, 0xcc];

    public SitePatchKind Kind => SitePatchKind.StaticCall;
    public IReadOnlyList<string> Forms { get; } = ["call", "nop5", "xor5rax", "jmp", "ret+int3", "jcc"];

    public string? Accept(SiteCheck site)
    {
        var pre = site.Pre;
        var running = site.Running;
        if (site.Length == 5 && pre[0] == 0xe8)
        {
            if (running[0] == 0xe8) return "call";
            if (site.RunningIs(X86Nops.Of(5))) return "nop5";
            if (site.RunningIs(Xor5Rax)) return "xor5rax";
            return null;
        }
        if (site.Length == 5 && pre[0] == 0xe9)
        {
            if (running[0] == 0xe9) return "jmp";
            if (site.RunningIs(RetInt3)) return "ret+int3";
            return null;
        }
        if (site.Length == 6 && pre[0] == 0x0f && (pre[1] & 0xf0) == 0x80)
            return running[0] == 0x0f && running[1] == pre[1] ? "jcc" : null;
        return null;
    }
}
