using System.Text;
using Ksplice.Elf.IO;
using Ksplice.TestSupport;
using Xunit;

namespace Ksplice.Elf.Tests;

/// <summary>Objects with 65280 or more sections use SHN_XINDEX and .symtab_shndx; big kernel objects get close.</summary>
public class ExtendedNumberingTests
{
    [Fact]
    public void Object_with_more_than_65280_sections_round_trips()
    {
        var source = new StringBuilder();
        // Each function calls out, so it brings a .text.fN and a .rela.text.fN section.
        source.Append("extern int g(int);\n");
        for (var i = 0; i < 33000; i++) source.Append("int f").Append(i).Append("(void) { return g(").Append(i).Append(") + 1; }\n");
        var path = FixtureCache.Compile(source.ToString(), "-O1", "-ffunction-sections", "-fdata-sections");
        var original = ElfReader.ReadFile(path);
        Assert.True(original.Sections.Count > 0xff00, $"fixture has only {original.Sections.Count} sections");
        var output = Tools.TempFile("many.o");
        ElfWriter.WriteFile(ElfReader.ReadFile(path), output);
        var rewritten = ElfReader.ReadFile(output);
        ElfModelComparer.AssertSameContent(original, rewritten);
        var f32999 = rewritten.FindSymbols("f32999").Single();
        Assert.Equal(".text.f32999", f32999.Section!.Name);
        Assert.True(f32999.Section.Index > 0xff00);
        Tools.RunClean("readelf", "-W", "-h", "-s", output);
    }
}
