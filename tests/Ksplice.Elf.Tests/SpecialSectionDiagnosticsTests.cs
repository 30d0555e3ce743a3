using Ksplice.Elf.IO;
using Ksplice.Elf.Model;
using Ksplice.Elf.Special;
using Xunit;

namespace Ksplice.Elf.Tests;

/// <summary>The special-section reader reports malformed tables as numbered warnings and keeps the entries it can read.</summary>
public sealed class SpecialSectionDiagnosticsTests
{
    private static (ElfObject, ElfSection) Table(string name, int size)
    {
        var obj = new ElfObject();
        var table = obj.AddSection(new ElfSection(name, ElfSectionType.ProgBits) { Flags = ElfSectionFlags.Alloc, Data = new byte[size] });
        return (obj, table);
    }

    [Fact]
    public void Size_that_is_not_a_multiple_of_the_entry_size()
    {
        var (obj, table) = Table("__ex_table", 12 + 5);
        var diagnostics = new List<ElfDiagnostic>();
        var entries = SpecialSectionReader.Read(obj, table, diagnostics);
        Assert.Single(entries);
        Assert.Contains(diagnostics, d => d.Id == ElfDiagnosticId.SpecialSectionSizeNotMultiple && d.Kind == ElfDiagnosticKind.Warning);
    }

    [Fact]
    public void Field_without_its_relocation()
    {
        var (obj, table) = Table(".smp_locks", 8);
        var diagnostics = new List<ElfDiagnostic>();
        Assert.Equal(2, SpecialSectionReader.Read(obj, table, diagnostics).Count);
        Assert.Equal([ElfDiagnosticId.SpecialFieldWithoutRelocation, ElfDiagnosticId.SpecialFieldWithoutRelocation], diagnostics.Select(d => d.Id));
    }
}
