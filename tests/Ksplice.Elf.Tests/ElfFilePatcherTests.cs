using Ksplice.Elf.IO;
using Ksplice.Elf.Model;
using Xunit;

namespace Ksplice.Elf.Tests;

/// <summary>In-place edits of an ELF file: only the named field changes, and the result reads back with the new value.</summary>
public sealed class ElfFilePatcherTests
{
    private static byte[] Object()
    {
        var obj = new ElfObject();
        var expect = obj.AddSection(new ElfSection(".ksplice_expect", ElfSectionType.ProgBits) { Flags = ElfSectionFlags.Alloc, Data = new byte[16] });
        obj.AddSymbol(new ElfSymbol("__ksplice_sym_0") { Binding = ElfSymbolBinding.Global, SpecialIndex = ElfSectionIndex.Absolute });
        obj.AddSymbol(new ElfSymbol("__ksplice_sym_1") { Binding = ElfSymbolBinding.Global, SpecialIndex = ElfSectionIndex.Absolute });
        obj.AddSymbol(new ElfSymbol("__ksplice_expect_0") { Binding = ElfSymbolBinding.Global, Section = expect, Value = 4, Size = 8, Type = ElfSymbolType.Object });
        return ElfWriter.Write(obj);
    }

    [Fact]
    public void Symbol_value_changes_and_nothing_else()
    {
        var file = Object();
        var obj = ElfReader.Read(file, "update.o");
        var patched = file.ToArray();
        ElfFilePatcher.WriteSymbolValue(patched, obj, obj.FindSymbols("__ksplice_sym_1").Single(), 0xffffffff81234567);

        var back = ElfReader.Read(patched, "update.o");
        Assert.Equal(0xffffffff81234567, back.FindSymbols("__ksplice_sym_1").Single().Value);
        Assert.Equal(0UL, back.FindSymbols("__ksplice_sym_0").Single().Value);
        Assert.Equal(8, file.Zip(patched).Count(p => p.First != p.Second));
    }

    [Fact]
    public void Section_bytes_change_in_place()
    {
        var file = Object();
        var obj = ElfReader.Read(file, "update.o");
        var expect = obj.FindSymbols("__ksplice_expect_0").Single();
        var patched = file.ToArray();
        ElfFilePatcher.WriteSectionBytes(patched, expect.Section!, expect.Value, [1, 2, 3, 4, 5, 6, 7, 8]);

        var back = ElfReader.Read(patched, "update.o");
        Assert.Equal(new byte[] { 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0 }, back.FindSection(".ksplice_expect")!.Data);
        Assert.Equal(8, file.Zip(patched).Count(p => p.First != p.Second));
    }

    [Fact]
    public void Bytes_past_the_section_are_refused()
    {
        var file = Object();
        var obj = ElfReader.Read(file, "update.o");
        var section = obj.FindSection(".ksplice_expect")!;
        Assert.Throws<ArgumentOutOfRangeException>(() => ElfFilePatcher.WriteSectionBytes(file, section, 12, new byte[8]));
    }

    [Fact]
    public void Symbol_of_another_object_is_refused()
    {
        var file = Object();
        var obj = ElfReader.Read(file, "update.o");
        var other = ElfReader.Read(file, "other.o");
        Assert.Throws<ArgumentException>(() => ElfFilePatcher.WriteSymbolValue(file, obj, other.Symbols[1], 1));
    }
}
