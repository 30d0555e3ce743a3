using System.Buffers.Binary;
using Ksplice.Elf.IO;
using Ksplice.Elf.Model;
using Ksplice.Elf.Native;
using Ksplice.TestSupport;
using Xunit;

namespace Ksplice.Elf.Tests;

/// <summary>
/// Bad input gives numbered errors that name the problem, never an exception from deep inside the reader, and never
/// an allocation the file's size does not justify.
/// </summary>
public class MalformedInputTests
{
    private static byte[] ValidObject() =>
        File.ReadAllBytes(FixtureCache.Compile(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "elf", "statics.c")), "-O2"));

    /// <summary>The ids of the errors, after checking that Read throws with the same diagnostics TryRead returns.</summary>
    private static IReadOnlyList<ElfDiagnosticId> ErrorsOf(byte[] data)
    {
        Assert.False(ElfReader.TryRead(data, "bad.o", out var obj, out var diagnostics));
        Assert.Null(obj);
        var e = Assert.Throws<ElfFormatException>(() => ElfReader.Read(data, "bad.o"));
        Assert.NotEmpty(diagnostics);
        Assert.Equal(diagnostics, e.Diagnostics);
        Assert.StartsWith("bad.o: error: ", e.Message);
        return diagnostics.Where(d => d.Kind == ElfDiagnosticKind.Error).Select(d => d.Id).ToList();
    }

    private static ElfDiagnostic SingleError(byte[] data, ElfDiagnosticId id)
    {
        Assert.Equal([id], ErrorsOf(data));
        ElfReader.TryRead(data, "bad.o", out _, out var diagnostics);
        return diagnostics.Single(d => d.Kind == ElfDiagnosticKind.Error);
    }

    private static int HeaderOf(byte[] data, int section) =>
        (int)BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(Elf64Ehdr.ShOff)) + Elf64Shdr.Size * section;

    private static void SetOffset(byte[] data, ElfSection section, ulong offset) =>
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(HeaderOf(data, section.Index) + Elf64Shdr.Offset), offset);

    private static void SetSize(byte[] data, ElfSection section, ulong size) =>
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(HeaderOf(data, section.Index) + Elf64Shdr.SectionSize), size);

    [Fact]
    public void Truncated_header() => SingleError(ValidObject()[..20], ElfDiagnosticId.TruncatedHeader);

    [Fact]
    public void Not_elf() =>
        SingleError("#!/bin/sh\necho not an object file at all, just a script.............\n"u8.ToArray(), ElfDiagnosticId.BadMagic);

    [Fact]
    public void Elf32_is_refused()
    {
        var data = ValidObject();
        data[Elf64Ehdr.Class] = 1;
        SingleError(data, ElfDiagnosticId.UnsupportedClass);
    }

    [Fact]
    public void Other_machine_is_refused()
    {
        var data = ValidObject();
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(Elf64Ehdr.Machine), 183); // aarch64
        SingleError(data, ElfDiagnosticId.UnsupportedMachine);
    }

    [Fact]
    public void Every_header_problem_is_reported_at_once()
    {
        var data = ValidObject();
        data[Elf64Ehdr.Class] = 1;
        data[Elf64Ehdr.Data] = 2;
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(Elf64Ehdr.Machine), 183);
        Assert.Equal([ElfDiagnosticId.UnsupportedClass, ElfDiagnosticId.UnsupportedEncoding, ElfDiagnosticId.UnsupportedMachine], ErrorsOf(data));
    }

    [Fact]
    public void Section_table_beyond_the_end_of_the_file()
    {
        var data = ValidObject();
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(Elf64Ehdr.ShOff), (ulong)data.Length + 4096);
        SingleError(data, ElfDiagnosticId.SectionHeaderTableOutsideFile);
    }

    [Fact]
    public void Section_count_larger_than_the_file_can_hold()
    {
        var data = ValidObject();
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(Elf64Ehdr.ShNum), 0xfff0);
        SingleError(data, ElfDiagnosticId.SectionHeaderTableOutsideFile);
    }

    [Fact]
    public void Section_name_table_index_outside_the_table()
    {
        var data = ValidObject();
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(Elf64Ehdr.ShStrNdx), 0xfe00);
        SingleError(data, ElfDiagnosticId.SectionNameTableOutOfRange);
    }

    [Fact]
    public void Section_reaching_past_the_end_of_the_file_is_named()
    {
        var data = ValidObject();
        var text = ElfReader.Read(data, "ok.o").Sections.First(s => s.Name == ".text");
        SetSize(data, text, (ulong)data.Length);
        var error = SingleError(data, ElfDiagnosticId.SectionOutsideFile);
        Assert.Contains("] .text:", error.Message);
    }

    [Fact]
    public void Section_whose_end_wraps_around_is_outside_the_file()
    {
        var data = ValidObject();
        var text = ElfReader.Read(data, "ok.o").Sections.First(s => s.Name == ".text");
        SetOffset(data, text, ulong.MaxValue - 4);
        SingleError(data, ElfDiagnosticId.SectionOutsideFile);
    }

    [Fact]
    public void Section_over_the_elf_header_is_refused()
    {
        var data = ValidObject();
        var text = ElfReader.Read(data, "ok.o").Sections.First(s => s.Name == ".text");
        SetOffset(data, text, 0);
        SingleError(data, ElfDiagnosticId.SectionOverlapsHeaders);
    }

    [Fact]
    public void Section_over_the_section_header_table_is_refused()
    {
        var data = ValidObject();
        var text = ElfReader.Read(data, "ok.o").Sections.First(s => s.Name == ".text");
        SetOffset(data, text, (ulong)HeaderOf(data, 1));
        Assert.Contains(ElfDiagnosticId.SectionOverlapsHeaders, ErrorsOf(data));
    }

    [Fact]
    public void Sections_sharing_bytes_are_refused()
    {
        var data = ValidObject();
        var obj = ElfReader.Read(data, "ok.o");
        var text = obj.Sections.First(s => s.Name == ".text");
        var other = obj.Sections.First(s => s != text && s.Type == ElfSectionType.ProgBits && s.Size > 0 && s.Relocations.Count == 0);
        SetOffset(data, other, text.FileOffset);
        var error = SingleError(data, ElfDiagnosticId.SectionsOverlap);
        Assert.Contains(".text", error.Message);
    }

    [Fact]
    public void Empty_and_nobits_sections_may_share_an_offset()
    {
        var data = ValidObject();
        var obj = ElfReader.Read(data, "ok.o");
        var text = obj.Sections.First(s => s.Name == ".text");
        var bss = obj.Sections.First(s => s.Type == ElfSectionType.NoBits);
        SetOffset(data, bss, text.FileOffset);
        Assert.True(ElfReader.TryRead(data, "ok.o", out _, out var diagnostics), string.Join("\n", diagnostics));
    }

    [Fact]
    public void Relocation_naming_a_missing_symbol()
    {
        var data = ValidObject();
        var rela = ElfReader.Read(data, "ok.o").Sections.First(s => s.Type == ElfSectionType.Rela && s.Data.Length >= Elf64Rela.Size);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan((int)rela.FileOffset + Elf64Rela.Info), (99999UL << 32) | 2);
        var error = SingleError(data, ElfDiagnosticId.RelocationSymbolOutOfRange);
        Assert.Contains(rela.Name, error.Message);
    }

    [Fact]
    public void Relocation_symbol_index_with_the_top_bit_set_is_out_of_range_not_negative()
    {
        var data = ValidObject();
        var rela = ElfReader.Read(data, "ok.o").Sections.First(s => s.Type == ElfSectionType.Rela && s.Data.Length >= Elf64Rela.Size);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan((int)rela.FileOffset + Elf64Rela.Info), (0xffff_fff0UL << 32) | 2);
        SingleError(data, ElfDiagnosticId.RelocationSymbolOutOfRange);
    }

    [Fact]
    public void Every_bad_relocation_is_reported()
    {
        var data = ValidObject();
        var rela = ElfReader.Read(data, "ok.o").Sections.First(s => s.Type == ElfSectionType.Rela && s.Data.Length >= 2 * Elf64Rela.Size);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan((int)rela.FileOffset + Elf64Rela.Info), (99999UL << 32) | 2);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan((int)rela.FileOffset + Elf64Rela.Size + Elf64Rela.Info), (1UL << 32) | 200);
        Assert.Equal([ElfDiagnosticId.RelocationSymbolOutOfRange, ElfDiagnosticId.UnsupportedRelocationType], ErrorsOf(data));
    }

    [Fact]
    public void Relocation_outside_its_section()
    {
        var data = ValidObject();
        var rela = ElfReader.Read(data, "ok.o").Sections.First(s => s.Type == ElfSectionType.Rela && s.Data.Length >= Elf64Rela.Size);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan((int)rela.FileOffset + Elf64Rela.Offset), ulong.MaxValue - 1);
        SingleError(data, ElfDiagnosticId.RelocationOutsideSection);
    }

    [Fact]
    public void Relocation_table_naming_no_section()
    {
        var data = ValidObject();
        var rela = ElfReader.Read(data, "ok.o").Sections.First(s => s.Type == ElfSectionType.Rela);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(HeaderOf(data, rela.Index) + Elf64Shdr.Info), 0xffff_fff0);
        SingleError(data, ElfDiagnosticId.RelocationTargetOutOfRange);
    }

    [Fact]
    public void Relocation_table_with_the_wrong_entry_size()
    {
        var data = ValidObject();
        var rela = ElfReader.Read(data, "ok.o").Sections.First(s => s.Type == ElfSectionType.Rela);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(HeaderOf(data, rela.Index) + Elf64Shdr.EntSize), 16);
        SingleError(data, ElfDiagnosticId.BadEntrySize);
    }

    [Fact]
    public void Symbol_table_whose_size_is_not_a_multiple_of_its_entry_size()
    {
        var data = ValidObject();
        var symtab = ElfReader.Read(data, "ok.o").SymbolTable!;
        SetSize(data, symtab, symtab.Size - 8);
        Assert.Contains(ElfDiagnosticId.EntrySizeDoesNotDivideSize, ErrorsOf(data));
    }

    [Fact]
    public void Symbol_defined_in_a_section_that_does_not_exist()
    {
        var data = ValidObject();
        var obj = ElfReader.Read(data, "ok.o");
        var symbol = obj.Symbols.First(s => s.Section is not null && !s.IsSection && s.Name.Length > 0);
        var entry = (int)obj.SymbolTable!.FileOffset + symbol.Index * Elf64Sym.Size;
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(entry + Elf64Sym.SectionIndex), 0xfe00);
        SingleError(data, ElfDiagnosticId.SymbolSectionOutOfRange);
    }

    [Fact]
    public void Section_link_outside_the_table()
    {
        var data = ValidObject();
        var symtab = ElfReader.Read(data, "ok.o").SymbolTable!;
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(HeaderOf(data, symtab.Index) + Elf64Shdr.Link), 0xffff_0000);
        Assert.Contains(ElfDiagnosticId.LinkOutOfRange, ErrorsOf(data));
    }

    [Fact]
    public void Section_names_outside_the_name_table()
    {
        var data = ValidObject();
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(HeaderOf(data, 1) + Elf64Shdr.Name), 0x7fff_0000);
        SingleError(data, ElfDiagnosticId.StringOffsetOutOfRange);
    }

    /// <summary>
    /// A 1 MiB file whose 16,382 section headers each claim the whole file: refused without copying any of it, and with
    /// the first problems in full and a count of the rest, not 16,381 lines of message.
    /// </summary>
    [Fact]
    public void Headers_that_all_claim_the_whole_file_cost_no_more_than_the_file()
    {
        const int count = 16_382;
        var data = HostileElf.HeadersClaimingTheWholeFile(count);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.False(ElfReader.TryRead(data, "hostile.o", out _, out var diagnostics));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ElfDiagnosticBag.MaximumKept, diagnostics.Count(d => d.Id == ElfDiagnosticId.SectionOverlapsHeaders));
        var more = diagnostics[^1];
        Assert.Equal((ElfDiagnosticKind.Error, ElfDiagnosticId.MoreProblems), (more.Kind, more.Id));
        Assert.Equal($"{count - 1 - ElfDiagnosticBag.MaximumKept} more errors not listed (only the first {ElfDiagnosticBag.MaximumKept} problems of a file are)", more.Message);
        Assert.True(allocated < 4L * data.Length, $"reading a {data.Length}-byte file allocated {allocated} bytes");
        Assert.True(new ElfFormatException(diagnostics).Message.Length < 64 << 10);
    }
    /// <summary>40,000 symbols all named by one 64 KiB string: one string, not 2.5 billion characters (5 GB, 16 s).</summary>
    [Fact]
    public void Symbols_naming_one_long_string_share_it()
    {
        var data = HostileElf.SymbolsNaming(64 << 10, 40_000, _ => 1);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(ElfReader.TryRead(data, "long-names.o", out var obj, out var diagnostics), string.Join("\n", diagnostics));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var named = obj!.Symbols.Skip(1).ToList();
        Assert.Equal(39_999, named.Count);
        Assert.Equal(64 << 10, named[0].Name.Length);
        Assert.All(named, s => Assert.Same(named[0].Name, s.Name));
        Assert.True(allocated < 8L * data.Length, $"reading a {data.Length}-byte file allocated {allocated} bytes");
    }

    /// <summary>40,000 symbols that each start one byte further into one 64 KiB name: refused once the names take twice the file.</summary>
    [Fact]
    public void Symbols_that_each_start_further_into_one_long_name_are_refused()
    {
        var data = HostileElf.SymbolsNaming(64 << 10, 40_000, i => (uint)i);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.False(ElfReader.TryRead(data, "suffixes.o", out _, out var diagnostics));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var error = diagnostics.Single(d => d.Kind == ElfDiagnosticKind.Error);
        Assert.Equal(ElfDiagnosticId.NamesTooLong, error.Id);
        Assert.StartsWith("name of symbol ", error.Message);
        Assert.Contains($"take more than {(1 << 20) + 2 * data.Length} bytes of string table, over 2 times the file", error.Message);
        Assert.True(allocated < (8L << 20) + 8L * data.Length, $"reading a {data.Length}-byte file allocated {allocated} bytes");
    }
}
