using Ksplice.Elf.IO;
using Ksplice.Elf.Model;
using Ksplice.Elf.Special;
using Ksplice.Elf.Arch;
using Ksplice.Elf.Arch.X86;

namespace Ksplice.Match.Sites;

/// <summary>
/// Every patch site of a pre object, per section, nested: when ranges overlap, the site the kernel patches later
/// (higher <see cref="PatchSiteRules.BootOrder"/>, or a later entry of the same section) is the outer one, so its
/// "original" form is compared with the inner sites' rules.
/// </summary>
internal sealed class SiteMap
{
    private static readonly IReadOnlyList<PatchSite> None = [];
    private readonly Dictionary<ElfSection, List<PatchSite>> _topLevel;

    private SiteMap(Dictionary<ElfSection, List<PatchSite>> topLevel, IReadOnlyList<ElfDiagnostic> diagnostics)
    {
        _topLevel = topLevel;
        Diagnostics = diagnostics;
    }

    public IReadOnlyList<ElfDiagnostic> Diagnostics { get; }

    /// <summary>The outermost sites of a section, by offset.</summary>
    public IReadOnlyList<PatchSite> TopLevel(ElfSection section) => _topLevel.GetValueOrDefault(section) ?? None;

    public static SiteMap Build(ElfObject obj, Func<ElfSection, InsnDecoder> decoder)
    {
        var diagnostics = new List<ElfDiagnostic>();
        var bySection = new Dictionary<ElfSection, List<PatchSite>>();
        foreach (var entry in SpecialSectionReader.ReadAll(obj, diagnostics))
        {
            if (entry.Kind.Patch == SitePatchKind.None || entry.Site is not { TargetSection: { } section } site) continue;
            var offset = (int)site.TargetOffset;
            var length = SiteLength(entry, decoder(section), offset);
            if (length <= 0 || offset < 0 || (ulong)(offset + length) > section.Size)
            {
                diagnostics.Add(new(ElfDiagnosticKind.Warning, ElfDiagnosticId.PatchSiteWithoutLength, obj.Origin,
                    $"{entry.Section.Name} entry {entry.Index}: site {Describe(obj, section, offset)} has no usable length; it is compared as plain code"));
                continue;
            }
            if (!bySection.TryGetValue(section, out var list)) bySection[section] = list = [];
            list.Add(new PatchSite(entry, section, offset, length));
        }
        var topLevel = new Dictionary<ElfSection, List<PatchSite>>();
        foreach (var (section, sites) in bySection) topLevel[section] = Nest(sites);
        return new SiteMap(topLevel, diagnostics);
    }

    /// <summary>
    /// The length of code the kernel may rewrite: recorded in the entry for paravirt and alternative sites, one byte for
    /// a lock prefix, otherwise the length of the compiled instruction at the site.
    /// </summary>
    private static int SiteLength(SpecialEntry entry, InsnDecoder decoder, int offset) => entry.Kind.Patch switch
    {
        SitePatchKind.Paravirt => entry.Byte("len"),
        SitePatchKind.Alternative => entry.Byte("instrlen"),
        SitePatchKind.LockPrefix => 1,
        _ => decoder.Decode(offset) is { Kind: not InsnKind.Invalid } insn ? insn.Length : 0,
    };

    private static string Describe(ElfObject obj, ElfSection section, int offset) =>
        offset >= 0 && (ulong)offset < section.Size ? obj.Describe(section, (ulong)offset) : $"{section.Name}+0x{offset:x}";

    private static List<PatchSite> Nest(List<PatchSite> sites)
    {
        var ordered = sites
            .OrderBy(s => s.Offset)
            .ThenByDescending(s => s.Length)
            .ThenByDescending(s => PatchSiteRules.BootOrder(s.Kind))
            .ThenByDescending(s => s.Entry.Index)
            .ToList();
        var top = new List<PatchSite>();
        var stack = new Stack<PatchSite>();
        foreach (var site in ordered)
        {
            while (stack.Count > 0 && !stack.Peek().Contains(site)) stack.Pop();
            if (stack.Count == 0) top.Add(site);
            else stack.Peek().Inner.Add(site);
            stack.Push(site);
        }
        // A site that starts inside an outer one but runs past its end cannot be nested; it stays where the stack put
        // it and is compared only when the outer site's original form is compared.
        return top;
    }
}
