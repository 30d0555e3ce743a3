using Ksplice.Elf.Arch;
using Ksplice.Elf.Arch.X86;
using Ksplice.Match.Memory;

namespace Ksplice.Match.Matching;

/// <summary>
/// A running function can be shorter than its trampoline needs (`jmp rel32` after the fentry NOP): relaxed jumps make
/// tiny functions shorter than the pre code. The trampoline may then reach into the alignment padding that follows the
/// function, provided that padding is only NOPs and int3s (never executed); those bytes become part of what is compared
/// and re-verified.
/// </summary>
public static class TrampolineRoom
{
    /// <summary>The running bytes extended with padding to exactly <paramref name="needed"/> bytes, or null when what follows is not padding.</summary>
    public static byte[]? Extend(IKernelMemory memory, ulong address, byte[] running, int needed)
    {
        if (running.Length >= needed) return running;
        var after = new byte[needed - running.Length + 15];
        if (!memory.TryRead(address + (ulong)running.Length, after)) return null;
        var decoder = new InsnDecoder(after, address + (ulong)running.Length);
        var covered = 0;
        while (covered < needed - running.Length)
        {
            var insn = decoder.Decode(covered);
            if (insn.Kind is not (InsnKind.Nop or InsnKind.Int3) || insn.Length == 0) return null;
            covered += insn.Length;
        }
        // Exactly what the trampoline needs: the rest of the last NOP is not the function's and may change.
        return [.. running, .. after.AsSpan(0, needed - running.Length)];
    }
}
