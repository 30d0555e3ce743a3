using Ksplice.Elf.Model;
using Ksplice.Elf.Special;

namespace Ksplice.Match.Sites;

/// <summary>
/// A boot-time patch site in a pre section: the byte range the kernel may rewrite, the special-section entry that
/// lists it, and the sites nested inside it (a paravirt call inside an alternative, a lock prefix inside an
/// alternative's original code). A site's rule decides which running forms are legal.
/// </summary>
internal sealed class PatchSite(SpecialEntry entry, ElfSection section, int offset, int length)
{
    public SpecialEntry Entry { get; } = entry;
    public ElfSection Section { get; } = section;
    public int Offset { get; } = offset;
    public int Length { get; } = length;
    public int End => Offset + Length;
    public SitePatchKind Kind => Entry.Kind.Patch;
    public List<PatchSite> Inner { get; } = [];

    public bool Contains(PatchSite other) => other.Offset >= Offset && other.End <= End;

    public override string ToString() => $"{Kind} {Section.Name}+0x{Offset:x}/{Length}";
}
