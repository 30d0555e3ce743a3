using Ksplice.Elf.Special;
using Ksplice.Elf.Arch;
using Ksplice.Elf.Arch.X86;

namespace Ksplice.Match.Sites;

/// <summary>
/// __jump_table: a 2- or 5-byte site that is either the NOP of that length or a jump of that length to the entry's
/// target (arch/x86/kernel/jump_label.c). A target in the function's own section is checked; one in another section
/// (a cold part) is learnt from the jump.
/// </summary>
internal sealed class JumpLabelRule : ISiteRule
{
    public SitePatchKind Kind => SitePatchKind.JumpLabel;
    public IReadOnlyList<string> Forms { get; } = ["nop", "jmp"];

    public string? Accept(SiteCheck site)
    {
        if (site.Length is not (2 or 5)) return null;
        if (site.RunningIs(X86Nops.Of(site.Length))) return "nop";
        var opcode = site.Length == 2 ? 0xeb : 0xe9;
        var jump = site.RunningInsn(0);
        if (site.Running[0] != opcode || jump.Kind != InsnKind.Jump || jump.Length != site.Length || jump.Target is not { } target)
            return null;
        if (site.Entry.Target is not { } field) return null;
        if (site.EntryTarget(field) is { } expected) return expected == target ? "jmp" : null;
        return site.LearnEntryTarget(field, target) ? "jmp" : null;
    }
}
