using Ksplice.Match.Decoding;
using Ksplice.Match.Memory;

namespace Ksplice.Match.Comparison;

/// <summary>
/// One candidate under comparison: the unit, the address its section starts at if this candidate is right, and the
/// running bytes read there (<see cref="Running"/>[0] is at <see cref="Address"/>, the unit's start).
/// </summary>
internal sealed class CompareContext(MatchUnit unit, ulong address, byte[] running, IKernelMemory memory)
{
    private InsnDecoder? _runningDecoder;

    public MatchUnit Unit { get; } = unit;
    public ObjectIndex Object => Unit.Object;
    public ulong Address { get; } = address;
    public byte[] Running { get; } = running;
    public IKernelMemory Memory { get; } = memory;

    /// <summary>The running address of the unit's section offset 0.</summary>
    public ulong SectionBase => Address - (ulong)Unit.Start;

    /// <summary>Decoder over the running bytes; instruction offsets are indexes into <see cref="Running"/>.</summary>
    public InsnDecoder RunningDecoder => _runningDecoder ??= new InsnDecoder(Running, Address);

    public ulong RunningAddress(int index) => Address + (ulong)index;
}
