using Xunit;
using Ksplice.Elf.Arch;
using Ksplice.Elf.Arch.X86;

namespace Ksplice.Elf.Tests;

/// <summary>The Iced seam: kernel instruction shapes map to our neutral kinds, targets and field offsets.</summary>
public sealed class DecoderTests
{
    private const ulong Address = 0xffffffff81000000;

    [Theory]
    [InlineData("e8 10 00 00 00", InsnKind.Call, 5)]
    [InlineData("e9 10 00 00 00", InsnKind.Jump, 5)]
    [InlineData("eb 10", InsnKind.Jump, 2)]
    [InlineData("74 05", InsnKind.CondJump, 2)]
    [InlineData("0f 84 10 00 00 00", InsnKind.CondJump, 6)]
    [InlineData("c3", InsnKind.Return, 1)]
    [InlineData("cc", InsnKind.Int3, 1)]
    [InlineData("90", InsnKind.Nop, 1)]
    [InlineData("66 90", InsnKind.Nop, 2)]
    [InlineData("0f 1f 44 00 00", InsnKind.Nop, 5)]
    [InlineData("66 0f 1f 44 00 00", InsnKind.Nop, 6)]
    [InlineData("0f 1f 84 00 00 00 00 00", InsnKind.Nop, 8)]
    [InlineData("0f ae e8", InsnKind.Lfence, 3)]
    [InlineData("41 ff d3", InsnKind.IndirectCall, 3)]
    [InlineData("ff e0", InsnKind.IndirectJump, 2)]
    [InlineData("ff 15 00 00 00 00", InsnKind.IndirectCall, 6)]
    [InlineData("48 89 e5", InsnKind.Other, 3)]
    [InlineData("f3 90", InsnKind.Other, 2)]
    [InlineData("06", InsnKind.Invalid, 1)]
    [InlineData("0f", InsnKind.Invalid, 1)]
    public void KindAndLength(string hex, InsnKind kind, int length)
    {
        var insn = new InsnDecoder(Convert.FromHexString(hex.Replace(" ", "")), Address).Decode(0);
        Assert.Equal(kind, insn.Kind);
        Assert.Equal(length, insn.Length);
    }

    [Theory]
    [InlineData("eb 10", JumpCondition.Always)]
    [InlineData("e9 10 00 00 00", JumpCondition.Always)]
    [InlineData("74 05", JumpCondition.E)]
    [InlineData("0f 85 10 00 00 00", JumpCondition.NE)]
    [InlineData("7f 05", JumpCondition.G)]
    [InlineData("0f 8c 10 00 00 00", JumpCondition.L)]
    [InlineData("70 05", JumpCondition.O)]
    [InlineData("0f 8b 10 00 00 00", JumpCondition.NP)]
    public void JmpAndJccAreRelaxableWithTheirCondition(string hex, JumpCondition condition)
    {
        var insn = new InsnDecoder(Convert.FromHexString(hex.Replace(" ", "")), Address).Decode(0);
        Assert.Equal(condition, insn.RelaxableJump);
    }

    [Theory]
    [InlineData("e8 10 00 00 00")]
    [InlineData("e2 05")]
    [InlineData("e3 05")]
    [InlineData("ff e0")]
    [InlineData("0f 94 c0")]
    [InlineData("c3")]
    public void OtherInstructionsAreNotRelaxable(string hex)
    {
        var insn = new InsnDecoder(Convert.FromHexString(hex.Replace(" ", "")), Address).Decode(0);
        Assert.Null(insn.RelaxableJump);
    }

    [Fact]
    public void RelativeBranchTargetIsAbsolute()
    {
        var code = Convert.FromHexString("9090e810000000");
        var insn = new InsnDecoder(code, Address).Decode(2);
        Assert.Equal(InsnKind.Call, insn.Kind);
        Assert.Equal(Address + 2 + 5 + 0x10, insn.Target);
        Assert.Equal(1, insn.ImmediateOffset);
        Assert.Equal(4, insn.ImmediateSize);
    }

    [Fact]
    public void RipRelativeDisplacementAndImmediateOffsets()
    {
        // cmpl $0x7, 0x10(%rip): the displacement is followed by an immediate.
        var insn = new InsnDecoder(Convert.FromHexString("833d1000000007"), Address).Decode(0);
        Assert.True(insn.IsRipRelative);
        Assert.Equal(2, insn.DisplacementOffset);
        Assert.Equal(4, insn.DisplacementSize);
        Assert.Equal(6, insn.ImmediateOffset);
        Assert.Equal(1, insn.ImmediateSize);
    }

    [Theory]
    [InlineData("41 ff d3", "r11")]
    [InlineData("ff d0", "rax")]
    [InlineData("ff e1", "rcx")]
    [InlineData("41 ff e0", "r8")]
    public void IndirectBranchRegister(string hex, string register)
    {
        var insn = new InsnDecoder(Convert.FromHexString(hex.Replace(" ", "")), Address).Decode(0);
        Assert.Equal(register, insn.Register);
    }

    [Fact]
    public void DecodesAWindowOfALargerBuffer()
    {
        var code = Convert.FromHexString("cccc" + "4889e5" + "c3" + "cc");
        var all = new InsnDecoder(code, 2, 4, Address).DecodeAll();
        Assert.Equal([InsnKind.Other, InsnKind.Return], all.Select(i => i.Kind));
        Assert.Equal([0, 3], all.Select(i => i.Offset));
        Assert.Equal(InsnKind.Invalid, new InsnDecoder(code, 2, 4, Address).Decode(4).Kind);
    }
}
