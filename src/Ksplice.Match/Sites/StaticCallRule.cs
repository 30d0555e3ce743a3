using Ksplice.Elf.Special;

namespace Ksplice.Match.Sites;

/// <summary>
/// .static_call_sites: a compiled call, tail jump or Jcc to a static-call trampoline. __static_call_transform() writes
/// a call to the current function, the 5-byte NOP, or "cs cs cs xor %eax,%eax" (return0) at a call; a jump to the
/// function or <c>ret; int3 x4</c> at a tail call; a Jcc with the same condition at a Jcc. The target is not learnt:
/// it changes whenever static_call_update() runs, but a call, jump or Jcc goes to the key's function now (the first field
/// of <c>struct static_call_key</c>) or still to the key's trampoline.
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
            if (running[0] == 0xe8) return GoesWhereTheKeySays(site) ? "call" : null;
            if (site.RunningIs(X86Nops.Of(5))) return "nop5";
            if (site.RunningIs(Xor5Rax)) return "xor5rax";
            return null;
        }
        if (site.Length == 5 && pre[0] == 0xe9)
        {
            if (running[0] == 0xe9) return GoesWhereTheKeySays(site) ? "jmp" : null;
            if (site.RunningIs(RetInt3)) return "ret+int3";
            return null;
        }
        if (site.Length == 6 && pre[0] == 0x0f && (pre[1] & 0xf0) == 0x80)
            return running[0] == 0x0f && running[1] == pre[1] && GoesWhereTheKeySays(site) ? "jcc" : null;
        return null;
    }

    /// <summary>
    /// The running branch goes to the key's trampoline or to the function the key holds now. In a module objtool may
    /// name the trampoline in the key field (a key the module cannot see; static_call_add_module() finds the key from
    /// it): the key is then the __SCK__ of the same name.
    /// </summary>
    private static bool GoesWhereTheKeySays(SiteCheck site)
    {
        if (site.Entry.Key is not { } key || site.RunningInsn(0).Target is not { } target) return false;
        var named = key.Relocation.Symbol;
        ulong? keyAddress;
        string callName;
        if (named.Name.StartsWith(KernelBranchTargets.StaticCallTrampolinePrefix, StringComparison.Ordinal))
        {
            callName = named.Name[KernelBranchTargets.StaticCallTrampolinePrefix.Length..];
            keyAddress = site.AddressOfName(KernelBranchTargets.StaticCallKeyPrefix + callName, anyTarget: true);
        }
        else if (named.Name.StartsWith(KernelBranchTargets.StaticCallKeyPrefix, StringComparison.Ordinal))
        {
            callName = named.Name[KernelBranchTargets.StaticCallKeyPrefix.Length..];
            keyAddress = site.AddressOf(named) is { } k ? unchecked(k + (ulong)(key.Relocation.Addend - key.Flags)) : null;
        }
        else
        {
            return false;
        }
        if (site.NamesAt(target).Contains(KernelBranchTargets.StaticCallTrampolinePrefix + callName)) return true;
        return keyAddress is { } a && site.ReadPointer(a) == target;
    }
}
