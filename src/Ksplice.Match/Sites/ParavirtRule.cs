using Ksplice.Elf.Special;

namespace Ksplice.Match.Sites;

/// <summary>
/// .parainstructions: <c>len</c> bytes around an indirect pv_ops call. apply_paravirt() (6.1) writes a direct call to
/// the op's function padded with NOPs (the function the pv_ops slot holds now), or only NOPs for _paravirt_nop, or
/// leaves the code. Native instructions
/// (cli, pushf; pop) come from the alternative that 6.1 puts on the same bytes (PVOP_ALT_*), whose rule is the outer one.
/// </summary>
internal sealed class ParavirtRule : ISiteRule
{
    public SitePatchKind Kind => SitePatchKind.Paravirt;
    public IReadOnlyList<string> Forms { get; } = ["original", "call", "nops"];

    public string? Accept(SiteCheck site)
    {
        if (site.NopsFrom(0)) return "nops";
        if (site.Length >= 5 && site.Running[0] == 0xe8 && site.NopsFrom(5)) return CallsTheSlotsFunction(site) ? "call" : null;
        return site.OriginalMatches(allowNopRewrites: false) ? "original" : null;
    }

    /// <summary>The direct call goes where the compiled <c>call *pv_ops+N(%rip)</c> would: the value in that slot.</summary>
    private static bool CallsTheSlotsFunction(SiteCheck site)
    {
        var slotField = site.RelocationIn(site.Site.Section, site.Site.Offset, site.Site.End);
        if (slotField is null || site.AddressOf(slotField.Symbol) is not { } symbol) return false;
        var end = site.Site.Offset + site.PreInsn.Length;
        var slot = unchecked(symbol + (ulong)(slotField.Addend + (end - (long)slotField.Offset)));
        return site.ReadPointer(slot) is { } function && site.RunningInsn(0).Target == function;
    }
}
