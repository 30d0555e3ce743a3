using Ksplice.Elf.Arch;
using Ksplice.Elf.Arch.X86;
using Ksplice.Match.Memory;
using Ksplice.Match.Symbols;

namespace Ksplice.Match.Comparison;

/// <summary>
/// One candidate under comparison: the unit, the address its first byte is at if this candidate is right, and the
/// running bytes read there (<see cref="Running"/>[0] is at <see cref="Address"/>). The running code may be shorter
/// than the pre code (relaxed jumps, <see cref="OffsetMap"/>), so <see cref="Running"/> may hold more than the
/// function; the comparison finds where the function ends. <see cref="IsCut"/>: memory after <see cref="Running"/>
/// could not be read.
/// </summary>
internal sealed class CompareContext(MatchUnit unit, ulong address, byte[] running, IKernelMemory memory, ISymbolSource symbols, bool isCut = false)
{
    private InsnDecoder? _runningDecoder;
    private OffsetMap? _map;

    public MatchUnit Unit { get; } = unit;
    public PreObjectIndex Object => Unit.Object;
    public ulong Address { get; } = address;
    public byte[] Running { get; } = running;
    public IKernelMemory Memory { get; } = memory;

    /// <summary>The running kernel's symbols, for the branch targets a patch site may hold (<see cref="Sites.KernelBranchTargets"/>).</summary>
    public ISymbolSource Symbols { get; } = symbols;
    public bool IsCut { get; } = isCut;

    /// <summary>Where each place of the unit is in <see cref="Running"/>, laid out on first use.</summary>
    public OffsetMap Map => _map ??= OffsetMap.Lay(this);

    /// <summary>
    /// The running address of the unit's section offset 0. Only places outside the unit are found from it (the rest of
    /// a section shared by several functions is laid out as in the pre object); places inside go through <see cref="Map"/>.
    /// </summary>
    public ulong SectionBase => Address - (ulong)Unit.Start;

    /// <summary>Decoder over the running bytes; instruction offsets are indexes into <see cref="Running"/>.</summary>
    public InsnDecoder RunningDecoder => _runningDecoder ??= new InsnDecoder(Running, Address);

    public ulong RunningAddress(int index) => Address + (ulong)index;

    /// <summary>
    /// The running address of an offset of the unit's section: through <see cref="Map"/> inside the unit (null when the
    /// place has none), from <see cref="SectionBase"/> outside.
    /// </summary>
    public ulong? RunningAddressOf(long sectionOffset)
    {
        if (!Map.Covers(sectionOffset)) return unchecked(SectionBase + (ulong)sectionOffset);
        return Map.RunningOf(sectionOffset) is { } index ? RunningAddress(index) : null;
    }
}
