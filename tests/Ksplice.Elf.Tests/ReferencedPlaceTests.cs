using Ksplice.Elf.Arch;
using Ksplice.Elf.Model;
using Xunit;

namespace Ksplice.Elf.Tests;

/// <summary>
/// Where a relocated field points, on hand-assembled instructions: S + A plus the bytes of the instruction after the
/// field for a PC-relative field (objtool's arch_insn_adjusted_addend), S + A for an absolute one and for data.
/// </summary>
public sealed class ReferencedPlaceTests
{
    private const ulong SymbolValue = 0x100;

    /// <summary>A code section holding <paramref name="hex"/> after two NOPs, with one relocation at the field.</summary>
    private static (ElfObject Obj, ElfSection Text, ElfRelocation Reloc) Code(string hex, int field, X86RelocationType type, long addend)
    {
        var obj = new ElfObject();
        var text = obj.AddSection(new ElfSection(".text.f", ElfSectionType.ProgBits)
        {
            Flags = ElfSectionFlags.Alloc | ElfSectionFlags.Execute,
            Data = Convert.FromHexString("9090" + hex.Replace(" ", "") + "c3"),
        });
        var data = obj.AddSection(new ElfSection(".data.x", ElfSectionType.ProgBits) { Flags = ElfSectionFlags.Alloc | ElfSectionFlags.Write, Data = new byte[0x200] });
        var symbol = obj.AddSymbol(new ElfSymbol("x") { Section = data, Value = SymbolValue, Size = 8, Type = ElfSymbolType.Object });
        var reloc = new ElfRelocation((ulong)(2 + field), type, symbol, addend);
        text.Relocations.Add(reloc);
        return (obj, text, reloc);
    }

    [Theory]
    // call rel32 / jmp rel32 / jcc rel32: the displacement ends the instruction.
    [InlineData("e8 00 00 00 00", 1, 4)]
    [InlineData("e9 00 00 00 00", 1, 4)]
    [InlineData("0f 85 00 00 00 00", 2, 4)]
    // lea x(%rip), %rax and mov x(%rip), %rax: displacement last.
    [InlineData("48 8d 05 00 00 00 00", 3, 4)]
    [InlineData("48 8b 05 00 00 00 00", 3, 4)]
    // cmpl $imm8, x(%rip) (83 /7 ib): one immediate byte follows the displacement.
    [InlineData("83 3d 00 00 00 00 07", 2, 5)]
    // cmpb $imm8, x(%rip) (80 /7 ib).
    [InlineData("80 3d 00 00 00 00 01", 2, 5)]
    // movw $imm16, x(%rip) (66 c7 /0 iw).
    [InlineData("66 c7 05 00 00 00 00 34 12", 3, 6)]
    // movl $imm32, x(%rip) (c7 /0 id) and movq $imm32, x(%rip) (48 c7 /0 id).
    [InlineData("c7 05 00 00 00 00 78 56 34 12", 2, 8)]
    [InlineData("48 c7 05 00 00 00 00 78 56 34 12", 3, 8)]
    // cmpl $imm32, x(%rip) (81 /7 id).
    [InlineData("81 3d 00 00 00 00 78 56 34 12", 2, 8)]
    public void Pc_relative_field_points_past_the_rest_of_its_instruction(string hex, int field, long adjustment)
    {
        var (obj, text, reloc) = Code(hex, field, X86RelocationType.Pc32, -4);
        var insn = obj.Instructions.InstructionAt(text, reloc.Offset);
        Assert.Equal(adjustment, ReferencedPlace.Adjustment(reloc, insn));
        Assert.Equal((long)SymbolValue - 4 + adjustment, ReferencedPlace.Of(reloc, insn));
        Assert.Equal(ReferencedPlace.Of(reloc, insn), obj.Instructions.ReferencedPlaceOf(text, reloc));
    }

    [Fact]
    public void Plt32_call_is_pc_relative_like_pc32()
    {
        var (obj, text, reloc) = Code("e8 00 00 00 00", 1, X86RelocationType.Plt32, -4);
        Assert.Equal((long)SymbolValue, obj.Instructions.ReferencedPlaceOf(text, reloc));
    }

    [Theory]
    // movabs $x, %rax (48 b8 io): R_X86_64_64 on the 8-byte immediate.
    [InlineData("48 b8 00 00 00 00 00 00 00 00", 2, X86RelocationType.Abs64)]
    // mov $x, %rax sign-extended (48 c7 c0 id): R_X86_64_32S.
    [InlineData("48 c7 c0 00 00 00 00", 3, X86RelocationType.Abs32S)]
    // cmp $x, %rdi (48 81 ff id): R_X86_64_32S on the immediate.
    [InlineData("48 81 ff 00 00 00 00", 3, X86RelocationType.Abs32S)]
    // mov x(,%rax,8), %rax (48 8b 04 c5 disp32): R_X86_64_32S on an absolute displacement.
    [InlineData("48 8b 04 c5 00 00 00 00", 4, X86RelocationType.Abs32S)]
    public void Absolute_field_points_at_symbol_plus_addend(string hex, int field, X86RelocationType type)
    {
        var (obj, text, reloc) = Code(hex, field, type, 0x10);
        Assert.Equal(0, obj.Instructions.AdjustmentOf(text, reloc));
        Assert.Equal((long)SymbolValue + 0x10, obj.Instructions.ReferencedPlaceOf(text, reloc));
    }

    [Fact]
    public void Pc_relative_field_in_data_points_at_symbol_plus_addend()
    {
        var obj = new ElfObject();
        var table = obj.AddSection(new ElfSection(".altinstructions", ElfSectionType.ProgBits) { Flags = ElfSectionFlags.Alloc, Data = new byte[12] });
        var symbol = obj.AddSymbol(new ElfSymbol("x") { Section = table, Value = SymbolValue });
        var reloc = new ElfRelocation(0, X86RelocationType.Pc32, symbol, 4);
        Assert.Null(obj.Instructions.InstructionAt(table, 0));
        Assert.Equal((long)SymbolValue + 4, obj.Instructions.ReferencedPlaceOf(table, reloc));
    }

    [Fact]
    public void Pc_relative_field_that_no_instruction_covers_is_taken_to_end_its_instruction()
    {
        var (_, _, reloc) = Code("e8 00 00 00 00", 1, X86RelocationType.Pc32, -4);
        Assert.Equal(4, ReferencedPlace.Adjustment(reloc, new Insn(0, 1, InsnKind.Nop)));
        Assert.Equal(4, ReferencedPlace.Adjustment(reloc, new Insn(0, 0, InsnKind.Invalid)));
    }

    [Fact]
    public void Instruction_lookup_finds_the_instruction_holding_a_byte()
    {
        var (obj, text, _) = Code("83 3d 00 00 00 00 07", 2, X86RelocationType.Pc32, -4);
        for (var offset = 2UL; offset < 9; offset++)
        {
            var insn = obj.Instructions.InstructionAt(text, offset)!.Value;
            Assert.Equal(2, insn.Offset);
            Assert.Equal(7, insn.Length);
        }
        Assert.Equal(9, obj.Instructions.InstructionAt(text, 9)!.Value.Offset);
    }
}
