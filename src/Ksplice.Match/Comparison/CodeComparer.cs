using Ksplice.Elf.Model;
using Ksplice.Elf.Arch;
using Ksplice.Elf.Arch.X86;
using Ksplice.Match.Sites;

namespace Ksplice.Match.Comparison;

/// <summary>
/// Compares pre code with running bytes instruction by instruction, walking both in step: the running code may be
/// shorter, because a jump the pre object holds as a rel32 with a relocation (to another function of the object, in its
/// own section under -ffunction-sections) may run as the rel8 the assembler chose when both functions shared .text.
/// Only such jumps may differ in length; where each pre place is running is laid out first (<see cref="OffsetMap"/>).
/// Outside patch sites the bytes must be equal except relocated fields and branch targets; each relocated field yields
/// a symbol value (S = field - A, + P when PC-relative; for a branch, from its running target) that the learner checks
/// against every other place, or, for a reference into a mergeable section, the referenced string or constant is
/// compared by content. A target inside the unit itself must be the running place of the pre target. Patch sites are
/// handed to their rule (<see cref="PatchSiteRules"/>) at their running place. The first failure is kept in
/// <see cref="Mismatch"/>.
/// </summary>
internal sealed partial class CodeComparer(CompareContext context, SymbolLearner learner)
{
    public CompareContext Context { get; } = context;
    public SymbolLearner Learner { get; } = learner;
    public Mismatch? Mismatch { get; private set; }

    /// <summary>The form each patch site compared so far was found in ("fentry:nop5"), for statistics.</summary>
    public List<string> Forms { get; } = [];

    /// <summary>The length of the running function, once <see cref="CompareUnit"/> succeeded.</summary>
    public int RunningLength { get; private set; }

    private PreObjectIndex Obj => Context.Object;
    private byte[] Running => Context.Running;

    /// <summary>A comparer over the same candidate with another learner (a fork for a tentative form).</summary>
    public CodeComparer With(SymbolLearner other) => new(Context, other);

    /// <summary>The whole unit, with its top-level patch sites; finds the running length.</summary>
    public bool CompareUnit()
    {
        var unit = Context.Unit;
        if (!Walk(unit.Section, unit.Start, unit.End, 0, Obj.TopSites(unit.Section, unit.Start, unit.End), CompareMode.Code, true, out var runEnd))
            return false;
        RunningLength = runEnd;
        return true;
    }

    /// <summary>
    /// Compares pre bytes [start, end) of <paramref name="section"/> with the running bytes from index
    /// <paramref name="at"/> on, byte for byte in length (the inside of a patch site, a replacement);
    /// <paramref name="sites"/> are the sites to hand to their rules (by offset).
    /// </summary>
    public bool CompareRange(ElfSection section, int start, int end, int at, IReadOnlyList<PatchSite> sites, CompareMode mode) =>
        Walk(section, start, end, at, sites, mode, false, out _);

    /// <summary>
    /// The walk: pre offset <c>o</c> and running index <c>run</c> advance together, one instruction or site at a time.
    /// With <paramref name="unitLevel"/>, jumps may change length (as <see cref="OffsetMap.Lay"/> found).
    /// </summary>
    private bool Walk(ElfSection section, int start, int end, int at, IReadOnlyList<PatchSite> sites, CompareMode mode, bool unitLevel, out int runEnd)
    {
        runEnd = at;
        var decoder = Obj.Decoder(section);
        var branches = section == Context.Unit.Section && !mode.MaskRelocations && !Context.Map.IsIdentity;
        var si = 0;
        while (si < sites.Count && sites[si].Offset < start) si++;
        var o = start;
        var run = at;
        while (o < end)
        {
            if (si < sites.Count && sites[si].Offset == o)
            {
                var site = sites[si++];
                if (site.End > end)
                    return Fail(MatchFailureReason.IllegalSiteForm, section, o, o, end, run, $"{site.Kind} site runs past the end of the code");
                if (run + site.Length > Running.Length) return RunningEnds(section, o, site.End, run);
                if (!CheckSite(site, run, mode)) return false;
                o = site.End;
                run += site.Length;
                continue;
            }
            var nextSite = si < sites.Count ? Math.Min(sites[si].Offset, end) : end;
            var insn = decoder.Decode(o);
            var length = insn.Kind == InsnKind.Invalid ? 1 : insn.Length;
            var limit = Math.Min(o + length, nextSite);
            if (mode.AllowNopRewrites && insn.Kind == InsnKind.Nop && limit == o + length)
            {
                var nopEnd = NopRunEnd(section, decoder, o, nextSite);
                if (!RunningNops(run, nopEnd - o))
                    return Fail(MatchFailureReason.BytesDiffer, section, o, o, nopEnd, run, "NOP padding differs");
                run += nopEnd - o;
                o = nopEnd;
                continue;
            }
            if (branches && insn.Target is not null && limit == o + length)
            {
                if (!CompareBranch(section, insn, run, unitLevel, out var runLength)) return false;
                run += runLength;
                o = limit;
                continue;
            }
            if (run + (limit - o) > Running.Length) return RunningEnds(section, o, limit, run);
            if (!CompareBytes(section, insn, o, limit, run, mode)) return false;
            run += limit - o;
            o = limit;
        }
        runEnd = run;
        return true;
    }

    private bool RunningEnds(ElfSection section, int o, int to, int run) => Context.IsCut
        ? Fail(MatchFailureReason.Unreadable, section, o, o, to, run, $"the running code past 0x{Context.RunningAddress(Running.Length):x} cannot be read")
        : Fail(MatchFailureReason.BytesDiffer, section, o, o, to, run, $"the running code is more than {Running.Length - Context.Unit.Length} bytes longer than the pre code");

    /// <summary>Running bytes from <paramref name="index"/> are kernel NOPs (any mix) filling exactly <paramref name="length"/> bytes.</summary>
    public bool RunningNops(int index, int length, bool tableOnly = false)
    {
        var end = index + length;
        if (end > Running.Length) return false;
        var decoder = Context.RunningDecoder;
        for (var i = index; i < end;)
        {
            var n = decoder.Decode(i);
            if (n.Kind != InsnKind.Nop || i + n.Length > end) return false;
            if (tableOnly && !X86Nops.IsKernelNop(Running.AsSpan(i, n.Length))) return false;
            i += n.Length;
        }
        return true;
    }

    private int NopRunEnd(ElfSection section, InsnDecoder decoder, int o, int limit)
    {
        var relocations = Obj.Relocations(section);
        var end = o;
        while (end < limit)
        {
            var n = decoder.Decode(end);
            if (n.Kind != InsnKind.Nop || end + n.Length > limit) break;
            var ri = PreObjectIndex.FirstRelocationAtOrAfter(relocations, end);
            if (ri < relocations.Length && (long)relocations[ri].Offset < end + n.Length) break;
            end += n.Length;
        }
        return end;
    }

    private bool CompareBytes(ElfSection section, Insn insn, int o, int limit, int run, CompareMode mode)
    {
        var data = section.Data;
        var relocations = Obj.Relocations(section);
        var ri = PreObjectIndex.FirstRelocationAtOrAfter(relocations, o);
        var p = o;
        while (p < limit)
        {
            if (ri < relocations.Length && (long)relocations[ri].Offset <= p)
            {
                var r = relocations[ri++];
                var width = RelocationInfo.IsSupported(r.Type) ? r.Width : 0;
                if ((int)r.Offset + width <= p) continue;
                if (!HandleRelocation(section, r, insn, run + ((int)r.Offset - o), run - (o - insn.Offset), mode))
                    return false;
                p = Math.Max(p + 1, (int)r.Offset + width);
                continue;
            }
            var stop = ri < relocations.Length ? (int)Math.Min((ulong)limit, relocations[ri].Offset) : limit;
            for (; p < stop; p++)
                if (data[p] != Running[run + (p - o)])
                    return Fail(MatchFailureReason.BytesDiffer, section, p, o, o + Math.Max(1, insn.Length), run, "differs");
        }
        return true;
    }

    /// <summary>A relocated field read from the running bytes at <paramref name="fieldRun"/>.</summary>
    private bool HandleRelocation(ElfSection section, ElfRelocation r, Insn insn, int fieldRun, int insnRun, CompareMode mode)
    {
        if (mode.MaskRelocations || r.Type == X86RelocationType.None) return true;
        var o = (int)r.Offset;
        if (!RelocationInfo.IsSupported(r.Type))
            return Fail(MatchFailureReason.UnsupportedRelocation, section, o, insn.Offset, insn.End, insnRun, $"relocation {r.Type} against {r.Symbol} is not supported");
        if (fieldRun + r.Width > Running.Length)
            return Fail(MatchFailureReason.BytesDiffer, section, o, insn.Offset, insn.End, insnRun, "relocated field runs past the running code");
        var field = RelocationInfo.ReadField(Running, fieldRun, r.Type);
        var value = RelocationInfo.SymbolValueFromField(r.Type, field, r.Addend, Context.RunningAddress(fieldRun));
        return CheckValue(section, r, insn, insnRun, value);
    }

    /// <summary>
    /// What the running code says the relocation's symbol is (<paramref name="value"/>): a place in the unit itself is
    /// checked through the offset map, a string by content, anything else is learnt.
    /// </summary>
    private bool CheckValue(ElfSection section, ElfRelocation r, Insn insn, int insnRun, ulong value)
    {
        var o = (int)r.Offset;
        var symbol = r.Symbol;
        if (symbol.Section is { } target)
        {
            if (target == Context.Unit.Section)
            {
                var bias = Bias(r, insn);
                var place = (long)symbol.Value + r.Addend + bias;
                if (Context.Map.Covers(place))
                    return ExpectTarget(section, insn, insnRun, place, unchecked(value + (ulong)(r.Addend + bias)));
            }
            if ((target.Flags & ElfSectionFlags.Merge) != 0)
                return CheckMerged(section, r, insn, value, insnRun);
            return Learn(SymbolKey.ForSection(Obj.Path, target), unchecked(value - symbol.Value), section, r, insn, insnRun);
        }
        if (symbol.IsAbsolute || symbol.Index == 0)
        {
            var expected = symbol.IsAbsolute ? symbol.Value : 0;
            return value == expected || Fail(MatchFailureReason.BytesDiffer, section, o, insn.Offset, insn.End, insnRun,
                $"refers to 0x{value:x}, not to the absolute symbol {symbol} = 0x{expected:x}");
        }
        return Learn(SymbolKey.ForName(Obj.Target, symbol.Name), value, section, r, insn, insnRun);
    }

    private bool Learn(SymbolKey key, ulong value, ElfSection section, ElfRelocation r, Insn insn, int insnRun)
    {
        var conflict = Learner.Learn(key, value, Obj.Place(section, r.Offset));
        if (conflict is null) return true;
        return Fail(MatchFailureReason.Conflict, section, (int)r.Offset, insn.Offset, insn.End, insnRun, conflict.Message);
    }

    /// <summary>How far past S + A the field of <paramref name="r"/> in <paramref name="insn"/> points.</summary>
    private static long Bias(ElfRelocation r, Insn insn) => ReferencedPlace.Adjustment(r, insn);

    /// <summary>
    /// A reference into a mergeable section: the linker merged equal strings (or constants), so the section has no single
    /// address; compare what is referenced instead. For a PC-relative field the referenced place is the end of the
    /// instruction plus the field, so the pre offset is the symbol's value plus the addend plus that distance.
    /// </summary>
    private bool CheckMerged(ElfSection section, ElfRelocation r, Insn insn, ulong symbolValue, int insnRun)
    {
        var target = r.Symbol.Section!;
        var o = (int)r.Offset;
        var bias = Bias(r, insn);
        var preOffset = (long)r.Symbol.Value + r.Addend + bias;
        if (preOffset < 0 || preOffset >= target.Data.Length)
            return Fail(MatchFailureReason.DataDiffers, section, o, insn.Offset, insn.End, insnRun, $"refers to {target.Name}+0x{preOffset:x}, outside the section");
        var runAddress = unchecked(symbolValue + (ulong)(r.Addend + bias));
        ReadOnlySpan<byte> expected;
        ulong readAt;
        if (target.IsMergeStrings)
        {
            var rest = target.Data.AsSpan((int)preOffset);
            var nul = rest.IndexOf((byte)0);
            expected = nul >= 0 ? rest[..(nul + 1)] : rest;
            readAt = runAddress;
        }
        else
        {
            var size = (int)Math.Max(1, target.EntrySize);
            var element = preOffset - preOffset % size;
            expected = target.Data.AsSpan((int)element, (int)Math.Min(size, target.Data.Length - element));
            readAt = unchecked(runAddress - (ulong)(preOffset - element));
        }
        var running = new byte[expected.Length];
        if (!Context.Memory.TryRead(readAt, running))
            return Fail(MatchFailureReason.Unreadable, section, o, insn.Offset, insn.End, insnRun,
                $"refers to 0x{readAt:x} ({target.Name}+0x{preOffset:x}), which cannot be read");
        if (running.AsSpan().SequenceEqual(expected)) return true;
        Mismatch = new Mismatch(MatchFailureReason.DataDiffers, section, o,
            Describe(expected, target.IsMergeStrings), Describe(running, target.IsMergeStrings),
            $"refers to {(target.IsMergeStrings ? "a string" : "a merged constant")} ({target.Name}+0x{preOffset:x}, running at 0x{readAt:x}) whose contents differ");
        return false;
    }

    private static string Describe(ReadOnlySpan<byte> bytes, bool isString)
    {
        if (!isString) return Hex.Format(bytes);
        var text = System.Text.Encoding.Latin1.GetString(bytes.TrimEnd((byte)0));
        return "\"" + string.Concat(text.Select(c => c is >= ' ' and < '\x7f' and not '"' and not '\\' ? c.ToString() : $"\\x{(int)c:x2}")) + "\"";
    }

    private bool CheckSite(PatchSite site, int run, CompareMode mode)
    {
        var rule = PatchSiteRules.For(site.Kind);
        var check = new SiteCheck(this, site, run, mode);
        if (rule.Accept(check) is { } form)
        {
            Forms.Add($"{PatchSiteRules.Describe(site.Kind)}:{form}");
            return true;
        }
        var detail = $"{PatchSiteRules.Describe(site.Kind)} site holds none of its legal forms ({string.Join(", ", rule.Forms)})";
        if (check.Inner is { } inner) detail += $"; compared as compiled: {Obj.Describe(inner.Section, inner.Offset)} {inner.Detail}";
        return Fail(MatchFailureReason.IllegalSiteForm, site.Section, site.Offset, site.Offset, site.End, run, detail, wholeRunningInstruction: false);
    }

    /// <summary>
    /// Records a mismatch at <paramref name="offset"/>; the bytes shown are pre [from, to) and the running bytes at the same
    /// place (extended to the whole running instruction when it is longer, unless a site's bytes are shown).
    /// </summary>
    public bool Fail(MatchFailureReason reason, ElfSection section, int offset, int from, int to, int runFrom, string detail, bool wholeRunningInstruction = true)
    {
        to = Math.Min(to, section.Data.Length);
        from = Math.Clamp(from, 0, to);
        var relocations = Obj.Relocations(section);
        bool Masked(int i)
        {
            var at = from + i;
            var ri = PreObjectIndex.FirstRelocationAtOrAfter(relocations, Math.Max(0, at - 8));
            for (; ri < relocations.Length && (long)relocations[ri].Offset <= at; ri++)
                if (RelocationInfo.IsSupported(relocations[ri].Type) && at < (long)relocations[ri].Offset + relocations[ri].Width) return true;
            return false;
        }
        var expected = Hex.Format(section.Data.AsSpan(from, to - from), Masked);
        var runFromClamped = Math.Clamp(runFrom, 0, Running.Length);
        // Show the whole running instruction when it is longer than the pre one, and only it when it is the other length
        // of the pre jump.
        var runInsn = wholeRunningInstruction && runFromClamped < Running.Length ? Context.RunningDecoder.Decode(runFromClamped) : default;
        var runLength = OffsetMap.IsRelaxed(Obj.Decoder(section).Decode(from), runInsn) ? runInsn.Length : Math.Max(to - from, runInsn.Length);
        var runTo = Math.Clamp(runFromClamped + runLength, runFromClamped, Running.Length);
        var running = Hex.Format(Running.AsSpan(runFromClamped, runTo - runFromClamped));
        Mismatch = new Mismatch(reason, section, offset, expected, running, detail);
        return false;
    }

    /// <summary>Keeps a mismatch found by a nested comparison.</summary>
    public void Adopt(Mismatch mismatch) => Mismatch = mismatch;
}
