using Ksplice.Elf.Model;
using Ksplice.Elf.Special;
using Ksplice.Elf.Arch;
using Ksplice.Elf.Arch.X86;

namespace Ksplice.Match.Sites;

/// <summary>
/// .altinstructions: <c>instrlen</c> bytes that apply_alternatives() either leaves (then optimize_nops() may rewrite
/// runs of one-byte NOPs) or replaces with the <c>replacementlen</c> bytes from .altinstr_replacement padded with NOPs.
/// A replacement that is one 5-byte call keeps its target; one that is a 5-byte jmp is re-targeted and may shrink to
/// <c>jmp rel8</c> plus a 3-byte NOP (recompute_jump()). Such targets are checked when their symbol is known.
/// When both forms fit (a replacement <c>call bar</c> over an original <c>call foo</c> whose foo is not known yet), the
/// replacement wins and nothing is learnt: the original's fields would otherwise teach foo the address of bar.
/// </summary>
internal sealed class AlternativeRule : ISiteRule
{
    public SitePatchKind Kind => SitePatchKind.Alternative;
    public IReadOnlyList<string> Forms { get; } = ["original", "replacement"];

    public string? Accept(SiteCheck site)
    {
        var original = site.OriginalMatches(allowNopRewrites: true, commit: false);
        if (site.Entry.Target is { TargetSection: { } section } field)
        {
            var offset = (int)field.TargetOffset;
            var length = site.Entry.Byte("replacementlen");
            if (length <= site.Length && offset >= 0 && offset + length <= section.Data.Length && ReplacementMatches(site, section, offset, length))
                return "replacement";
        }
        return original && site.CommitOriginal() ? "original" : null;
    }

    private static bool ReplacementMatches(SiteCheck site, ElfSection section, int offset, int length)
    {
        if (length == 5 && section.Data[offset] is 0xe8 or 0xe9)
            return BranchMatches(site, section, offset, section.Data[offset] == 0xe8);
        var compared = WithoutTrailingNops(site.Object.Decoder(section), offset, length);
        return site.ReplacementMatches(section, offset, compared) && site.NopsFrom(compared);
    }

    /// <summary>A replacement that is a single rel32 call or jmp: the kernel keeps its destination.</summary>
    private static bool BranchMatches(SiteCheck site, ElfSection section, int offset, bool isCall)
    {
        var running = site.RunningInsn(0);
        var ok = isCall
            ? running.Kind == InsnKind.Call && running.Length == 5
            : running.Kind == InsnKind.Jump && running.Length is 2 or 5;
        if (!ok || running.Target is not { } target) return false;
        if (site.RelocationIn(section, offset + 1, offset + 5) is { } r && site.RelocationTarget(r, offset + 5 - (long)r.Offset) is { } expected
            && expected != target)
            return false;
        return site.NopsFrom(running.Length);
    }

    /// <summary>
    /// The replacement's length without the one-byte NOPs at its end: optimize_nops() merges them with the padding, so
    /// they are checked as padding.
    /// </summary>
    private static int WithoutTrailingNops(InsnDecoder decoder, int offset, int length)
    {
        var lastCode = 0;
        for (var at = 0; at < length;)
        {
            var insn = decoder.Decode(offset + at);
            var size = Math.Max(1, insn.Length);
            if (!(insn.Kind == InsnKind.Nop && size == 1)) lastCode = at + size;
            at += size;
        }
        return Math.Min(lastCode, length);
    }
}
