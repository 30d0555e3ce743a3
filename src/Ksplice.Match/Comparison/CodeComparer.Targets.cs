using Ksplice.Elf.Model;
using Ksplice.Elf.Arch;
using Ksplice.Elf.Arch.X86;

namespace Ksplice.Match.Comparison;

/// <summary>
/// Relative branches compared by meaning: the running encoding may be the other length of the same jump, and the
/// target, not the displacement, must correspond.
/// </summary>
internal sealed partial class CodeComparer
{
    /// <summary>
    /// A relative call, jmp or jcc at running index <paramref name="run"/>. With <paramref name="mayRelax"/>, a jmp or
    /// jcc may be the other length of the same jump (<c>eb</c>/<c>e9</c>, <c>7x</c>/<c>0f 8x</c>); otherwise every byte
    /// but the displacement must be equal. Then the target: through the relocation of the displacement when there is
    /// one (its symbol's value is learnt from the running target), else a place of the unit (through the offset map)
    /// or of the rest of the section.
    /// </summary>
    private bool CompareBranch(ElfSection section, Insn pre, int run, bool mayRelax, out int runLength)
    {
        runLength = pre.Length;
        var running = Context.RunningDecoder.Decode(run);
        if (mayRelax && OffsetMap.IsRelaxed(pre, running)) runLength = running.Length;
        else if (!SameEncoding(section, pre, run)) return false;

        if (running.Target is not { } runTarget)
            return Fail(MatchFailureReason.BytesDiffer, section, pre.Offset, pre.Offset, pre.End, run, "differs");
        var field = pre.Offset + pre.ImmediateOffset;
        if (RelocationIn(section, field, field + pre.ImmediateSize) is { } r)
        {
            if (!RelocationInfo.IsSupported(r.Type))
                return Fail(MatchFailureReason.UnsupportedRelocation, section, (int)r.Offset, pre.Offset, pre.End, run, $"relocation {r.Type} against {r.Symbol} is not supported");
            if (!r.IsPcRelative)
                return Fail(MatchFailureReason.UnsupportedRelocation, section, (int)r.Offset, pre.Offset, pre.End, run, $"relocation {r.Type} against {r.Symbol} on a branch displacement is not supported");
            // The branch goes to S + A + (end of instruction - field), whatever the length of the running encoding.
            var value = unchecked(runTarget - (ulong)(r.Addend + Bias(r, pre)));
            return CheckValue(section, r, pre, run, value);
        }

        var place = unchecked((long)pre.Target!.Value);
        if (Context.Map.Covers(place)) return ExpectTarget(section, pre, run, place, runTarget);
        var expected = unchecked(Context.SectionBase + (ulong)place);
        return runTarget == expected || Fail(MatchFailureReason.BytesDiffer, section, pre.Offset, pre.Offset, pre.End, run,
            $"jumps to 0x{runTarget:x}, not to {Obj.Describe(section, (int)place)} (0x{expected:x})");
    }

    /// <summary>Every byte of the pre branch but its displacement is the same in the running code.</summary>
    private bool SameEncoding(ElfSection section, Insn pre, int run)
    {
        if (run + pre.Length > Running.Length) return RunningEnds(section, pre.Offset, pre.End, run);
        var field = pre.Offset + pre.ImmediateOffset;
        for (var p = pre.Offset; p < pre.End; p++)
        {
            if (p >= field && p < field + pre.ImmediateSize) continue;
            if (section.Data[p] != Running[run + (p - pre.Offset)])
                return Fail(MatchFailureReason.BytesDiffer, section, p, pre.Offset, pre.End, run, "differs");
        }
        return true;
    }

    private ElfRelocation? RelocationIn(ElfSection section, int start, int end)
    {
        var relocations = Obj.Relocations(section);
        for (var i = PreObjectIndex.FirstRelocationAtOrAfter(relocations, start); i < relocations.Length && (long)relocations[i].Offset < end; i++)
            if (relocations[i].Type != X86RelocationType.None) return relocations[i];
        return null;
    }

    /// <summary>
    /// Pre code at <paramref name="insn"/> refers to <paramref name="place"/> of the unit (a section offset) and the
    /// running code to <paramref name="runningTarget"/>: they must be the same place. A place the layout did not reach
    /// is let through: the comparison fails where the layout stopped.
    /// </summary>
    private bool ExpectTarget(ElfSection section, Insn insn, int insnRun, long place, ulong runningTarget)
    {
        var map = Context.Map;
        if (map.RunningOf(place) is not { } index)
            return !map.Complete || Fail(MatchFailureReason.BytesDiffer, section, insn.Offset, insn.Offset, insn.End, insnRun,
                $"{Verb(insn)} {Obj.Describe(Context.Unit.Section, (int)place)}, inside a jump whose running encoding has another length");
        var expected = Context.RunningAddress(index);
        return runningTarget == expected || Fail(MatchFailureReason.BytesDiffer, section, insn.Offset, insn.Offset, insn.End, insnRun,
            $"{Verb(insn)} 0x{runningTarget:x}, not to {Obj.Describe(Context.Unit.Section, (int)place)} (running at 0x{expected:x})");
    }

    private static string Verb(Insn insn) => insn.IsBranch ? "jumps to" : "refers to";
}
