using Ksplice.Elf.Arch;
using Ksplice.Elf.Arch.X86;

namespace Ksplice.Match.Comparison;

/// <summary>
/// Where each place of a unit's pre code is in the running code. The two may differ in length: a jump from one
/// function to another of the same object is a rel32 with a relocation in the pre object (-ffunction-sections), but
/// the running kernel, built without, may hold its rel8 form (the assembler relaxed it because the target was near),
/// and every later place shifts. Laid out before the comparison (which then checks every target at once): both codes
/// are walked in step, every instruction and patch site keeping its length except a jmp or jcc whose running form is
/// the other length of the same jump. Every byte of what keeps its length is mapped; the inside of a jump that changed
/// length is not. The layout stops at a jmp or jcc the running code does not hold (<see cref="Complete"/> false):
/// the comparison fails there at the latest. A unit without a jump the assembler could have relaxed is the
/// <see cref="IsIdentity"/> map, laid out without decoding.
/// </summary>
internal sealed class OffsetMap
{
    private readonly int _start;
    private readonly int _end;
    private readonly int[]? _running;

    private OffsetMap(int start, int end, bool identity)
    {
        _start = start;
        _end = end;
        if (identity)
        {
            Complete = true;
            return;
        }
        _running = new int[end - start + 1];
        Array.Fill(_running, -1);
    }

    public int End => _end;

    /// <summary>False when the layout stopped early: places after that are not known.</summary>
    public bool Complete { get; private set; }

    /// <summary>
    /// True when every place runs at the same offset: the unit has no jump whose running form may be shorter, so its
    /// code is compared byte for byte.
    /// </summary>
    public bool IsIdentity => _running is null;

    /// <summary>True when <paramref name="offset"/> (a section offset) lies in the unit, its end included.</summary>
    public bool Covers(long offset) => offset >= _start && offset <= End;

    /// <summary>The running index of a pre section offset in the unit, or null when it has none (or is not known).</summary>
    public int? RunningOf(long offset)
    {
        if (!Covers(offset)) return null;
        if (_running is null) return (int)(offset - _start);
        return _running[offset - _start] is var r and >= 0 ? r : null;
    }

    /// <summary>A jmp or jcc in one of its two plain encodings (no prefix): rel8 (2 bytes) or rel32 (5 for jmp, 6 for jcc).</summary>
    public static bool IsPlainJump(Insn insn) =>
        insn.RelaxableJump is { } c && (insn.Length == 2 || insn.Length == (c == JumpCondition.Always ? 5 : 6));

    /// <summary>True when <paramref name="running"/> is <paramref name="pre"/>'s jump in its other plain encoding.</summary>
    public static bool IsRelaxed(Insn pre, Insn running) =>
        pre.RelaxableJump is { } c && running.RelaxableJump == c && running.Length != pre.Length && IsPlainJump(pre) && IsPlainJump(running);

    /// <summary>Lays out the unit of <paramref name="context"/> against its running bytes.</summary>
    public static OffsetMap Lay(CompareContext context)
    {
        var unit = context.Unit;
        var map = new OffsetMap(unit.Start, unit.End, !MayBeRelaxed(unit));
        if (map._running is null) return map;
        var decoder = context.Object.Decoder(unit.Section);
        var sites = context.Object.TopSites(unit.Section, unit.Start, unit.End);
        var si = 0;
        var o = unit.Start;
        var run = 0;
        while (o < unit.End)
        {
            if (si < sites.Count && sites[si].Offset == o)
            {
                var site = sites[si++];
                map.Span(o, run, Math.Min(site.Length, unit.End - o));
                o += site.Length;
                run += site.Length;
                continue;
            }
            var nextSite = si < sites.Count ? Math.Min(sites[si].Offset, unit.End) : unit.End;
            var insn = decoder.Decode(o);
            var limit = Math.Min(o + (insn.Kind == InsnKind.Invalid ? 1 : insn.Length), nextSite);
            if (insn.RelaxableJump is not null && limit == insn.End)
            {
                var running = context.RunningDecoder.Decode(run);
                if (IsRelaxed(insn, running))
                {
                    map._running![o - map._start] = run;
                    o = limit;
                    run += running.Length;
                    continue;
                }
                if (running.RelaxableJump != insn.RelaxableJump || running.Length != insn.Length) return map;
            }
            map.Span(o, run, limit - o);
            run += limit - o;
            o = limit;
        }
        map._running![unit.End - map._start] = run;
        map.Complete = true;
        return map;
    }

    private void Span(int offset, int running, int length)
    {
        for (var i = 0; i < length && offset + i <= End; i++) _running![offset + i - _start] = running + i;
    }

    /// <summary>
    /// True when the unit holds a rel32 jmp or jcc to another code section of the object: the only jumps the running
    /// kernel may hold in another form, as the assembler saw their targets in the same .text (a jump to another object
    /// is relocated by the linker, which keeps its length; one inside the section is relaxed alike in both builds).
    /// Found from the relocations and the opcode bytes before each field (<c>e9</c>, <c>0f 8x</c>), without decoding.
    /// </summary>
    private static bool MayBeRelaxed(MatchUnit unit)
    {
        var data = unit.Section.Data;
        var relocations = unit.Object.Relocations(unit.Section);
        for (var i = PreObjectIndex.FirstRelocationAtOrAfter(relocations, unit.Start); i < relocations.Length && (long)relocations[i].Offset < unit.End; i++)
        {
            var r = relocations[i];
            if (!r.IsPcRelative || r.Symbol.Section is not { IsExecutable: true } target || target == unit.Section) continue;
            var f = (int)r.Offset;
            if ((f >= 1 && data[f - 1] == 0xe9) || (f >= 2 && data[f - 2] == 0x0f && (data[f - 1] & 0xf0) == 0x80)) return true;
        }
        return false;
    }
}
