using Ksplice.Elf.Special;
using Ksplice.Elf.Arch;
using Ksplice.Elf.Arch.X86;

namespace Ksplice.Match.Sites;

/// <summary>
/// .retpoline_sites: a compiled <c>call/jmp/jcc __x86_indirect_thunk_REG</c>, 6 bytes with the CS prefix gcc 12 adds
/// (-mindirect-branch-cs-prefix). patch_retpoline() leaves it (retpolines on), points it at another thunk keeping the
/// prefix (ITS; the target must be that register's thunk), or writes <c>[jncc.d8] [lfence] call/jmp *%REG [int3]</c> padded with NOPs. The register must be the
/// thunk's.
/// </summary>
internal sealed class RetpolineThunkRule : ISiteRule
{
    private const string ThunkPrefix = "__x86_indirect_thunk_";
    private static readonly byte[] Lfence = [0x0f, 0xae, 0xe8];

    public SitePatchKind Kind => SitePatchKind.RetpolineThunk;
    public IReadOnlyList<string> Forms { get; } = ["thunk", "indirect"];

    public string? Accept(SiteCheck site)
    {
        var pre = site.Pre;
        var running = site.Running;
        var isJcc = site.Length == 6 && pre[0] == 0x0f && (pre[1] & 0xf0) == 0x80;
        var op = site.Length == 6 && pre[0] == 0x2e ? 1 : 0;
        var isCall = pre[op] == 0xe8;
        if (!isJcc && !(site.Length == op + 5 && pre[op] is 0xe8 or 0xe9)) return null;

        var register = ThunkRegister(site);
        if (register is null) return null;
        var opcodeLength = isJcc ? 2 : op + 1;
        if (running[..opcodeLength].SequenceEqual(pre[..opcodeLength]))
            return site.RunningTargetIsOneOf(KernelBranchTargets.IndirectThunks(register), isJcc ? 0 : op) ? "thunk" : null;

        var i = 0;
        if (isJcc)
        {
            if (running[0] != 0x70 + ((pre[1] & 0x0f) ^ 1) || running[1] != site.Length - 2) return null;
            i = 2;
        }
        if (site.RunningIs(Lfence, i)) i += Lfence.Length;
        var branch = site.RunningInsn(i);
        var wanted = isCall ? InsnKind.IndirectCall : InsnKind.IndirectJump;
        if (branch.Kind != wanted || branch.Register != register || branch.Length is not (2 or 3)) return null;
        i += branch.Length;
        if (!isCall && i < site.Length && running[i] == 0xcc) i++;
        return site.NopsFrom(i) ? "indirect" : null;
    }

    /// <summary>"r11" for a site that calls __x86_indirect_thunk_r11.</summary>
    private static string? ThunkRegister(SiteCheck site)
    {
        var r = site.RelocationIn(site.Site.Section, site.Site.Offset, site.Site.End);
        var name = r?.Symbol.Name;
        return name is not null && name.StartsWith(ThunkPrefix, StringComparison.Ordinal) ? name[ThunkPrefix.Length..] : null;
    }
}
