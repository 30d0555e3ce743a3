using Ksplice.Elf.IO;
using Ksplice.TestSupport;
using Xunit;

namespace Ksplice.Elf.Tests;

public class RoundTripTests
{
    public static TheoryData<string, string> Fixtures => new()
    {
        { "program.c", "-O2" },
        { "program.c", "kernel-like" },
        { "statics.c", "-O2" },
        { "statics.c", "kernel-like" },
    };

    private static string CompileFixture(string name, string flags)
    {
        var source = File.ReadAllText(Path.Combine(TestPaths.Fixtures, "elf", name));
        return FixtureCache.Compile(source, flags == "kernel-like" ? FixtureCache.KernelLikeFlags : [flags]);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Read_write_read_keeps_every_section_symbol_and_relocation(string fixture, string flags)
    {
        var path = CompileFixture(fixture, flags);
        var original = ElfReader.ReadFile(path);
        var rewritten = ElfReader.Read(ElfWriter.Write(ElfReader.ReadFile(path)), "rewritten");
        ElfModelComparer.AssertSameContent(original, rewritten);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Written_object_is_accepted_by_readelf_and_disassembles_identically(string fixture, string flags)
    {
        var path = CompileFixture(fixture, flags);
        var output = Tools.TempFile(fixture + ".o");
        ElfWriter.WriteFile(ElfReader.ReadFile(path), output);
        Tools.RunClean("readelf", "-W", "-a", output);
        Assert.Equal(Tools.Disassemble(path), Tools.Disassemble(output));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Writing_is_stable(string fixture, string flags)
    {
        var once = ElfWriter.Write(ElfReader.ReadFile(CompileFixture(fixture, flags)));
        var twice = ElfWriter.Write(ElfReader.Read(once, "once"));
        Assert.Equal(once, twice);
    }

    [Fact]
    public void Rewritten_object_links_to_the_same_program()
    {
        var path = CompileFixture("program.c", "-O2");
        var rewritten = Tools.TempFile("program.o");
        ElfWriter.WriteFile(ElfReader.ReadFile(path), rewritten);
        var exe1 = Tools.TempFile("a.out");
        var exe2 = Tools.TempFile("b.out");
        Tools.RunClean(FixtureCache.Compiler, "-o", exe1, path);
        Tools.RunClean(FixtureCache.Compiler, "-o", exe2, rewritten);
        Assert.Equal(File.ReadAllBytes(exe1), File.ReadAllBytes(exe2));
        var run = Tools.Run(exe2);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("round trip: 53 19 3 7", run.StandardOutput);
    }

    [Fact]
    public void Partial_links_of_original_and_rewritten_objects_are_identical()
    {
        var a = Tools.TempFile("statics.o");
        File.Copy(CompileFixture("statics.c", "kernel-like"), a);
        var b = Tools.TempFile("statics.o");
        ElfWriter.WriteFile(ElfReader.ReadFile(a), b);
        var la = Tools.TempFile("la.o");
        var lb = Tools.TempFile("lb.o");
        Tools.RunClean("ld", "-r", "-o", la, a);
        Tools.RunClean("ld", "-r", "-o", lb, b);
        Assert.Equal(File.ReadAllBytes(la), File.ReadAllBytes(lb));
    }
}
