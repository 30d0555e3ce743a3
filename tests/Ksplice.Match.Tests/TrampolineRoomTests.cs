using Ksplice.Match.Matching;
using Ksplice.Match.Memory;
using Xunit;

namespace Ksplice.Match.Tests;

/// <summary>A running function shorter than its trampoline may borrow the padding after it, and nothing else.</summary>
public class TrampolineRoomTests
{
    private sealed class Bytes(ulong start, byte[] data) : IKernelMemory
    {
        public bool TryRead(ulong address, Span<byte> buffer)
        {
            if (address < start || address - start + (ulong)buffer.Length > (ulong)data.Length) return false;
            data.AsSpan((int)(address - start), buffer.Length).CopyTo(buffer);
            return true;
        }
    }

    // deferred_cad as the running kernel has it: fentry NOP, xor edi,edi, jmp rel8; then alignment padding.
    private static readonly byte[] Function = [0x0f, 0x1f, 0x44, 0x00, 0x00, 0x31, 0xff, 0xeb, 0x97];

    [Fact]
    public void Long_enough_function_is_left_as_it_is()
    {
        var running = new byte[12];
        Assert.Same(running, TrampolineRoom.Extend(new Bytes(0x1000, new byte[64]), 0x1000, running, 10));
    }

    [Fact]
    public void Nop_padding_after_a_short_function_extends_it()
    {
        var memory = new Bytes(0x1000, [.. Function, 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc]);
        var extended = TrampolineRoom.Extend(memory, 0x1000, Function, 10);
        Assert.NotNull(extended);
        Assert.Equal(10, extended.Length); // one byte of the 7-byte NOP that follows, checked as a whole
        Assert.Equal(Function, extended[..9]);
    }

    [Fact]
    public void Int3_padding_extends_byte_by_byte()
    {
        var memory = new Bytes(0x1000, [.. Function, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc]);
        Assert.Equal(10, TrampolineRoom.Extend(memory, 0x1000, Function, 10)!.Length);
    }

    [Fact]
    public void Code_right_after_the_function_gives_no_room()
    {
        var memory = new Bytes(0x1000, [.. Function, 0x55, 0x48, 0x89, 0xe5, 0x5d, 0xc3, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc]);
        Assert.Null(TrampolineRoom.Extend(memory, 0x1000, Function, 10));
    }
}
