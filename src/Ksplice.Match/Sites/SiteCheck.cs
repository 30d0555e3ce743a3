using Ksplice.Match.Symbols;
using Ksplice.Elf.Model;
using Ksplice.Elf.Special;
using Ksplice.Match.Comparison;
using Ksplice.Elf.Arch;
using Ksplice.Elf.Arch.X86;

namespace Ksplice.Match.Sites;

/// <summary>
/// What a rule sees of one patch site: the pre bytes and instruction, the running bytes at the same place, and the
/// comparisons a form may need (the compiled code with inner sites, a replacement, padding, a branch target).
/// </summary>
internal sealed class SiteCheck(CodeComparer comparer, PatchSite site, int runIndex, CompareMode mode)
{
    public PatchSite Site { get; } = site;
    public int Length => Site.Length;
    public SpecialEntry Entry => Site.Entry;
    public PreObjectIndex Object => comparer.Context.Object;

    /// <summary>A mismatch found while comparing a form that needed a nested comparison (for the failure message).</summary>
    public Mismatch? Inner { get; private set; }

    public ReadOnlySpan<byte> Pre => Site.Section.Data.AsSpan(Site.Offset, Site.Length);
    public ReadOnlySpan<byte> Running => comparer.Context.Running.AsSpan(runIndex, Site.Length);

    /// <summary>The running address of the site's first byte.</summary>
    public ulong Address => comparer.Context.RunningAddress(runIndex);

    /// <summary>The compiled instruction at the site.</summary>
    public Insn PreInsn => Object.Decoder(Site.Section).Decode(Site.Offset);

    /// <summary>The running instruction at <paramref name="at"/> bytes into the site (its Target is absolute).</summary>
    public Insn RunningInsn(int at) =>
        at < Site.Length ? comparer.Context.RunningDecoder.Decode(runIndex + at) : new Insn(runIndex + at, 0, InsnKind.Invalid);

    public bool RunningIs(ReadOnlySpan<byte> bytes, int at = 0) =>
        at + bytes.Length <= Site.Length && Running.Slice(at, bytes.Length).SequenceEqual(bytes);

    /// <summary>Running bytes from <paramref name="at"/> to the end of the site are the kernel's NOPs (add_nops()).</summary>
    public bool NopsFrom(int at) => at == Site.Length || (at < Site.Length && comparer.RunningNops(runIndex + at, Site.Length - at, tableOnly: true));

    /// <summary>The running kernel's names for <paramref name="address"/> (none for null).</summary>
    public IReadOnlyList<string> NamesAt(ulong? address) =>
        address is { } a ? comparer.Context.Symbols.At(a).Select(s => s.Name).ToList() : [];

    /// <summary>The running branch at <paramref name="at"/> goes to a place the kernel calls one of <paramref name="names"/>.</summary>
    public bool RunningTargetIsOneOf(IReadOnlyList<string> names, int at = 0) => NamesAt(RunningInsn(at).Target).Any(names.Contains);

    /// <summary>The 8-byte value at <paramref name="address"/> in the running kernel, or null when it cannot be read.</summary>
    public ulong? ReadPointer(ulong address)
    {
        Span<byte> value = stackalloc byte[8];
        return comparer.Context.Memory.TryRead(address, value) ? System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(value) : null;
    }

    /// <summary>
    /// The running address of a symbol the pre object names: learnt so far, or else the only one of that name in the
    /// target, or (a module's undefined symbol: another target exports it) the only global one. Null when unknown or
    /// ambiguous.
    /// </summary>
    public ulong? AddressOf(ElfSymbol symbol)
    {
        if (SymbolValue(symbol) is { } known) return known;
        return symbol.Name.Length == 0 ? null : AddressOfName(symbol.Name, anyTarget: symbol.IsUndefined);
    }

    /// <summary>The only running symbol of that name in the target, or (<paramref name="anyTarget"/>) the only global one.</summary>
    public ulong? AddressOfName(string name, bool anyTarget)
    {
        var found = comparer.Context.Symbols.Lookup(name, Object.Target);
        if (found.Count == 0 && anyTarget) found = comparer.Context.Symbols.Lookup(name).Where(s => s.IsGlobal).ToList();
        return found.Count == 1 ? found[0].Address : null;
    }

    /// <summary>Running bytes from <paramref name="at"/> to the end of the site are all int3.</summary>
    public bool Int3sFrom(int at)
    {
        if (at > Site.Length) return false;
        foreach (var b in Running[at..])
            if (b != 0xcc) return false;
        return true;
    }

    private CodeComparer? _original;

    /// <summary>
    /// The site still holds its compiled code (inner sites in any of their legal forms). Relocated fields are learnt;
    /// the values are kept only when the whole form matches, and, with <paramref name="commit"/> false, only once
    /// <see cref="CommitOriginal"/> is called (a rule that prefers another form when both fit learns nothing).
    /// </summary>
    public bool OriginalMatches(bool allowNopRewrites, bool commit = true)
    {
        var nested = comparer.With(comparer.Learner.Fork());
        var nestedMode = mode with { AllowNopRewrites = mode.AllowNopRewrites || allowNopRewrites };
        if (!nested.CompareRange(Site.Section, Site.Offset, Site.End, runIndex, Site.Inner, nestedMode))
        {
            Inner = nested.Mismatch;
            return false;
        }
        _original = nested;
        return !commit || CommitOriginal();
    }

    /// <summary>Keeps what the last successful <see cref="OriginalMatches"/> learnt.</summary>
    public bool CommitOriginal()
    {
        if (_original is null) return false;
        var conflicts = _original.Learner.Commit();
        comparer.Forms.AddRange(_original.Forms);
        _original = null;
        return conflicts.Count == 0;
    }

    /// <summary>
    /// The running bytes from the site's start are <paramref name="length"/> bytes of code copied from
    /// <paramref name="section"/> at <paramref name="offset"/> (.altinstr_replacement), with the replacement's own
    /// sites in their legal forms. Relocated fields are masked: the kernel copies them without fixing them up.
    /// </summary>
    public bool ReplacementMatches(ElfSection section, int offset, int length)
    {
        if (length > Site.Length) return false;
        var nested = comparer.With(comparer.Learner.Fork());
        var sites = Object.TopSites(section, offset, offset + length);
        if (nested.CompareRange(section, offset, offset + length, runIndex, sites, new CompareMode(AllowNopRewrites: true, MaskRelocations: true)))
        {
            comparer.Forms.AddRange(nested.Forms);
            return true;
        }
        Inner ??= nested.Mismatch;
        return false;
    }

    /// <summary>
    /// The absolute address a relocated field of the pre code refers to (S + A + <paramref name="bias"/>), when S is
    /// known: the unit's own section (through the offset map inside the unit), a section or name learnt so far, or an
    /// absolute symbol. Null when not known.
    /// </summary>
    public ulong? RelocationTarget(ElfRelocation r, long bias)
    {
        if (r.Symbol.Section == comparer.Context.Unit.Section)
            return comparer.Context.RunningAddressOf((long)r.Symbol.Value + r.Addend + bias);
        var s = SymbolValue(r.Symbol);
        return s is { } v ? unchecked(v + (ulong)(r.Addend + bias)) : null;
    }

    /// <summary>The first relocation of <paramref name="section"/> whose field starts in [start, end).</summary>
    public ElfRelocation? RelocationIn(ElfSection section, int start, int end)
    {
        var relocations = Object.Relocations(section);
        var i = PreObjectIndex.FirstRelocationAtOrAfter(relocations, start);
        return i < relocations.Length && (long)relocations[i].Offset < end ? relocations[i] : null;
    }

    /// <summary>
    /// The running address of an entry field's target (a jump label's destination), when it is known: a place of the
    /// unit (through the offset map; null inside a jump that changed length), or a section known so far.
    /// </summary>
    public ulong? EntryTarget(FieldReference field)
    {
        if (field.TargetSection is not { } section) return null;
        if (section == comparer.Context.Unit.Section) return comparer.Context.RunningAddressOf((long)field.TargetOffset);
        var b = SectionBase(section);
        return b is { } v ? unchecked(v + field.TargetOffset) : null;
    }

    /// <summary>
    /// Learns the section of an entry field's target from the running address it was found at. A place of the unit
    /// that has no running place is wrong, unless the layout stopped before it (the comparison fails there).
    /// </summary>
    public bool LearnEntryTarget(FieldReference field, ulong address)
    {
        if (field.TargetSection is not { } section) return true;
        if (section == comparer.Context.Unit.Section) return !comparer.Context.Map.Complete;
        var conflict = comparer.Learner.Learn(SymbolKey.ForSection(Object.Path, section), unchecked(address - field.TargetOffset),
            Object.Place(Site.Section, (ulong)Site.Offset));
        return conflict is null;
    }

    private ulong? SymbolValue(ElfSymbol symbol)
    {
        if (symbol.Section is { } section) return SectionBase(section) is { } b ? unchecked(b + symbol.Value) : null;
        if (symbol.IsAbsolute) return symbol.Value;
        return symbol.Name.Length == 0 ? null : comparer.Learner.Get(SymbolKey.ForName(Object.Target, symbol.Name));
    }

    private ulong? SectionBase(ElfSection section) => comparer.Learner.Get(SymbolKey.ForSection(Object.Path, section));
}
