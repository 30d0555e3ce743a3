using Ksplice.Apply.Applying;
using Ksplice.Elf.IO;
using Ksplice.Elf.Model;
using Ksplice.Package;
using Xunit;

namespace Ksplice.Apply.Tests;

/// <summary>Specialisation writes the learnt values and the expected bytes into the module, and changes nothing else.</summary>
public sealed class ModuleSpecializerTests
{
    private static byte[] Module()
    {
        var obj = new ElfObject();
        var expect = obj.AddSection(new ElfSection(".ksplice_expect", ElfSectionType.ProgBits) { Flags = ElfSectionFlags.Alloc, Data = new byte[8] });
        obj.AddSymbol(new ElfSymbol("__ksplice_sym_0") { Binding = ElfSymbolBinding.Global, SpecialIndex = ElfSectionIndex.Absolute });
        obj.AddSymbol(new ElfSymbol("__ksplice_expect_0") { Binding = ElfSymbolBinding.Global, Section = expect, Value = 2, Size = 4, Type = ElfSymbolType.Object });
        return ElfWriter.Write(obj);
    }

    [Fact]
    public void Placeholder_values_and_expected_bytes_are_written_in_place()
    {
        var module = Module();
        var output = ModuleSpecializer.Specialise(module, "ksplice_x.ko",
            new Dictionary<string, ulong> { ["__ksplice_sym_0"] = 0xffffffff81234567 },
            new Dictionary<string, byte[]> { ["__ksplice_expect_0"] = [0xe8, 1, 2, 3] });

        var back = ElfReader.Read(output, "ksplice_x.ko");
        Assert.Equal(0xffffffff81234567, back.FindSymbols("__ksplice_sym_0").Single().Value);
        Assert.Equal(new byte[] { 0, 0, 0xe8, 1, 2, 3, 0, 0 }, back.FindSection(".ksplice_expect")!.Data);
        Assert.Equal(module.Length, output.Length);
        Assert.Equal(8 + 4, module.Zip(output).Count(p => p.First != p.Second));
    }

    [Fact]
    public void A_placeholder_that_is_not_absolute_is_refused()
    {
        Assert.Throws<InvalidUpdateException>(() => ModuleSpecializer.Specialise(Module(), "ksplice_x.ko",
            new Dictionary<string, ulong> { ["__ksplice_expect_0"] = 1 }, new Dictionary<string, byte[]>()));
    }
}
