using Ksplice.Dwarf;
using Ksplice.Elf.IO;
using Ksplice.TestSupport;
using Ksplice.Types.Tests.Kernel;
using Xunit;
using Xunit.Abstractions;

namespace Ksplice.Types.Tests;

/// <summary>The DWARF reader on a gcc fixture and on printk.o: strings and offsets come through the relocations.</summary>
public class DwarfReaderTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("-gdwarf-5")]
    [InlineData("-gdwarf-4")]
    public void Struct_layout_and_names_come_through_the_relocations(string dwarf)
    {
        var (pre, _) = TypeFixture.Build("member-added", dwarf);
        var info = DwarfReader.ReadFile(pre);
        var unit = Assert.Single(info.Units);
        Assert.Equal(dwarf == "-gdwarf-5" ? 5 : 4, unit.Version);
        Assert.EndsWith(".c", unit.Root.Name);
        var foo = Assert.Single(info.Entries, e => e.Tag == DwarfTag.StructureType && e.Name == "foo_sock");
        Assert.Equal(16UL, foo.ByteSize);
        Assert.Equal(["a", "b"], foo.Children.Select(m => m.Name));
        Assert.Equal([0UL, 8UL], foo.Children.Select(m => m.Get(DwarfAttribute.DataMemberLocation)!.Value.Number));
        Assert.Equal("long int", foo.Children[0].Type!.Name);
        Assert.EndsWith(".c", unit.FileName(foo.Get(DwarfAttribute.DeclFile)!.Value.Number));
        var stay = Assert.Single(info.Entries, e => e.Tag == DwarfTag.Subprogram && e.Name == "stay");
        var start = Assert.Single(info.CodeStarts(stay));
        Assert.Equal(".text.stay", start.Symbol.Section?.Name);
    }

    [Fact]
    public void Every_function_of_printk_has_one_start_symbol_even_when_split_into_ranges()
    {
        var pair = EditedKernelObject.Build(KernelTree.Shared, "devkmsg-body", "kernel/printk/printk.o",
            "return EPOLLERR|EPOLLNVAL;", "return EPOLLERR|EPOLLNVAL|EPOLLHUP;");
        var elf = ElfReader.ReadFile(pair.Pre);
        var info = DwarfReader.Read(elf);
        var functions = info.Units.SelectMany(u => u.Root.Children)
            .Where(e => e.Tag == DwarfTag.Subprogram && (e.Has(DwarfAttribute.LowPc) || e.Has(DwarfAttribute.Ranges))).ToList();
        var split = functions.Where(f => f.Has(DwarfAttribute.Ranges)).ToList();
        output.WriteLine($"{info.EntryCount} entries, {functions.Count} functions with code, {split.Count} in ranges");
        Assert.NotEmpty(split);
        foreach (var f in functions)
        {
            var starts = info.CodeStarts(f)
                .Select(a => elf.SymbolsIn(a.Symbol.Section!).FirstOrDefault(s => s.IsFunction && s.Value == a.Value)?.Name)
                .Where(n => n is not null && !n.EndsWith(".cold", StringComparison.Ordinal)).Distinct().ToList();
            Assert.True(starts.Count == 1, $"{f}: starts {string.Join(", ", starts)}");
        }
    }
}
