using Ksplice.Elf.Special;

namespace Ksplice.Match.Sites;

/// <summary>
/// __mcount_loc: the compiled <c>call __fentry__</c> (or the 5-byte NOP objtool --mcount puts there). ftrace writes
/// the 5-byte NOP at boot and a call to one of its trampolines while the function is traced; the vmlinux file still has
/// the call to __fentry__. The call's target is never learnt, since it depends on tracing.
/// </summary>
internal sealed class FentryCallRule : ISiteRule
{
    public SitePatchKind Kind => SitePatchKind.FentryCall;
    public IReadOnlyList<string> Forms { get; } = ["nop5", "call"];

    public string? Accept(SiteCheck site)
    {
        if (site.Length != 5 || !(site.Pre[0] == 0xe8 || site.Pre.SequenceEqual(X86Nops.Of(5)))) return null;
        if (site.RunningIs(X86Nops.Of(5))) return "nop5";
        if (site.Running[0] == 0xe8) return "call";
        return null;
    }
}
