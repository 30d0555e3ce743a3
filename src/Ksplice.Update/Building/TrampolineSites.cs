using Ksplice.Abi;
using Ksplice.Elf.Arch;
using Ksplice.Elf.Arch.X86;
using Ksplice.Elf.Model;
using Ksplice.Elf.Special;

namespace Ksplice.Update.Building;

/// <summary>
/// The sites in a function's trampoline bytes that the kernel rewrites while running: every entry of a special section
/// whose row in <see cref="SpecialSections"/> says what rewrites it after boot
/// (<see cref="SpecialSectionKind.RewrittenWhileRunningBy"/>: jump labels, static calls, lock prefixes, ftrace's calls).
/// The fentry call a trampoline goes after is one of them, and lies before it. The core asks the running kernel the
/// same at apply (abort cause text_reserved).
/// </summary>
public static class TrampolineSites
{
    public static IReadOnlyList<TrampolineSiteRefusal> Covered(ElfObject pre, string objectPath, ElfSymbol function,
        int trampolineOffset)
    {
        var refusals = new List<TrampolineSiteRefusal>();
        if (function.Section is not { } code) return refusals;
        foreach (var section in pre.Sections.Where(s => SpecialSections.Find(s.Name)?.RewrittenWhileRunningBy is not null))
        {
            foreach (var entry in SpecialSectionReader.Read(pre, section))
            {
                if (entry.Site is not { TargetSection: { } target } site || target != code) continue;
                var offset = (long)site.TargetOffset - (long)function.Value;
                var length = SiteLength(entry, code, site.TargetOffset);
                if (offset < trampolineOffset + Trampoline.Size && offset + length > trampolineOffset)
                    refusals.Add(new TrampolineSiteRefusal(objectPath, function.Name, entry.Kind, offset, length, trampolineOffset));
            }
        }
        return refusals;
    }

    /// <summary>
    /// The bytes the kernel may rewrite: the lock prefix alone, else the instruction compiled there (a jump label is 2
    /// or 5 bytes); a site that does not decode counts as a whole trampoline's length.
    /// </summary>
    private static int SiteLength(SpecialEntry entry, ElfSection code, ulong offset)
    {
        if (entry.Kind.Patch == SitePatchKind.LockPrefix) return 1;
        var insn = offset < (ulong)code.Data.Length ? new InsnDecoder(code.Data, 0).Decode((int)offset) : default;
        return insn.Kind != InsnKind.Invalid && insn.Length > 0 ? insn.Length : Trampoline.Size;
    }
}
