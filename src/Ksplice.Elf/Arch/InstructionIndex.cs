using Ksplice.Elf.Arch.X86;
using Ksplice.Elf.Model;

namespace Ksplice.Elf.Arch;

/// <summary>
/// The instructions of an object's code sections, decoded once per section from its start (as objtool decodes) at
/// address 0, so instruction offsets are section offsets; "which instruction holds this byte" is a binary search.
/// Built lazily per section; safe to share between threads.
/// </summary>
public sealed class InstructionIndex
{
    private readonly Dictionary<ElfSection, (InsnDecoder Decoder, int[] Starts)> _sections = [];
    private readonly Lock _lock = new();

    /// <summary>The instruction that holds <paramref name="offset"/> in a code section; null for a section of data.</summary>
    public Insn? InstructionAt(ElfSection section, ulong offset)
    {
        if (!section.IsExecutable) return null;
        lock (_lock)
        {
            var (decoder, starts) = Decoded(section);
            if (offset >= (ulong)decoder.Length) return new Insn((int)Math.Min(offset, int.MaxValue), 0, InsnKind.Invalid);
            var i = Array.BinarySearch(starts, (int)offset);
            if (i < 0) i = ~i - 1;
            return decoder.Decode(starts[i]);
        }
    }

    /// <summary>The place a relocation of <paramref name="section"/> refers to (<see cref="ReferencedPlace.Of"/>).</summary>
    public long ReferencedPlaceOf(ElfSection section, ElfRelocation relocation) =>
        ReferencedPlace.Of(relocation, InstructionAt(section, relocation.Offset));

    /// <summary>How far past S + A a relocation of <paramref name="section"/> points (<see cref="ReferencedPlace.Adjustment"/>).</summary>
    public long AdjustmentOf(ElfSection section, ElfRelocation relocation) =>
        ReferencedPlace.Adjustment(relocation, InstructionAt(section, relocation.Offset));

    private (InsnDecoder, int[]) Decoded(ElfSection section)
    {
        if (_sections.TryGetValue(section, out var d)) return d;
        var decoder = new InsnDecoder(section.Data, 0, section.Data.Length, 0);
        var starts = new List<int>();
        for (var offset = 0; offset < decoder.Length;)
        {
            starts.Add(offset);
            offset += Math.Max(1, decoder.Decode(offset).Length);
        }
        if (starts.Count == 0) starts.Add(0);
        d = (decoder, starts.ToArray());
        _sections[section] = d;
        return d;
    }
}
