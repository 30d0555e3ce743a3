using System.Buffers.Binary;
using Ksplice.Elf.IO;
using Ksplice.TestSupport;
using Xunit;

namespace Ksplice.Elf.Tests;

/// <summary>Bad input gives an error that names the problem, never an exception from deep inside the reader.</summary>
public class MalformedInputTests
{
    private static byte[] ValidObject() =>
        File.ReadAllBytes(FixtureCache.Compile(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "elf", "statics.c")), "-O2"));

    private static string ErrorOf(byte[] data)
    {
        Assert.False(ElfReader.TryRead(data, "bad.o", out var obj, out var diagnostics));
        Assert.Null(obj);
        var e = Assert.Throws<ElfFormatException>(() => ElfReader.Read(data, "bad.o"));
        Assert.NotEmpty(diagnostics);
        Assert.StartsWith("bad.o: error: ", e.Message);
        return e.Message;
    }

    [Fact]
    public void Truncated_header() => Assert.Contains("too short", ErrorOf(ValidObject()[..20]));

    [Fact]
    public void Not_elf() => Assert.Contains("bad magic", ErrorOf("#!/bin/sh\necho not an object file at all, just a script.............\n"u8.ToArray()));

    [Fact]
    public void Elf32_is_refused()
    {
        var data = ValidObject();
        data[4] = 1;
        Assert.Contains("only ELF64", ErrorOf(data));
    }

    [Fact]
    public void Other_machine_is_refused()
    {
        var data = ValidObject();
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(18), 183); // aarch64
        Assert.Contains("only x86-64", ErrorOf(data));
    }

    [Fact]
    public void Section_table_beyond_the_end_of_the_file()
    {
        var data = ValidObject();
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(40), (ulong)data.Length + 4096);
        Assert.Contains("section header", ErrorOf(data));
    }

    [Fact]
    public void Section_reaching_past_the_end_of_the_file_is_named()
    {
        var data = ValidObject();
        var obj = ElfReader.Read(data, "ok.o");
        var victim = obj.Sections.First(s => s.Name == ".text");
        var shoff = (int)BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(40));
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(shoff + 64 * victim.Index + 32), (ulong)data.Length);
        var message = ErrorOf(data);
        Assert.Contains("] .text:", message);
        Assert.Contains("outside", message);
    }

    [Fact]
    public void Relocation_naming_a_missing_symbol()
    {
        var data = ValidObject();
        var obj = ElfReader.Read(data, "ok.o");
        var rela = obj.Sections.First(s => s.Type == Model.ElfSectionType.Rela && s.Data.Length >= 24);
        var info = (int)rela.FileOffset + 8;
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(info), (99999UL << 32) | 2);
        var message = ErrorOf(data);
        Assert.Contains(rela.Name, message);
        Assert.Contains("symbol 99999", message);
    }
}
