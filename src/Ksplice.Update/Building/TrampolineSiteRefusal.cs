using Ksplice.Abi;
using Ksplice.Elf.Special;

namespace Ksplice.Update.Building;

/// <summary>A changed function whose trampoline would cover a site the kernel rewrites while running.</summary>
public sealed record TrampolineSiteRefusal(string Object, string Function, SpecialSectionKind Site, long SiteOffset,
    int SiteLength, int TrampolineOffset)
{
    public string Describe() =>
        $"{Object}: {Function}: its trampoline (bytes +{TrampolineOffset}..+{TrampolineOffset + Trampoline.Size}" +
        $"{(TrampolineOffset > 0 ? ", after its ftrace call" : "")}) would cover the {Site.Name} site at +{SiteOffset} " +
        $"({SiteLength} byte{(SiteLength == 1 ? "" : "s")}), which {Site.RewrittenWhileRunningBy} rewrites while the " +
        "kernel runs: the kernel would then find the jump (and BUG) or overwrite it (and the update silently stops " +
        $"working). Patch the callers of {Function} instead, or move the change so that {Function} stays as it is.";
}
