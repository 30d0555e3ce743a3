using Ksplice.Elf.IO;
using Ksplice.Elf.Model;
using Ksplice.TestSupport;
using Xunit;

namespace Ksplice.Elf.Tests;

public class MemoryImageTests
{
    [Fact]
    public void Reads_a_function_by_its_virtual_address()
    {
        var exe = FixtureCache.CompileExecutable(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "elf", "program.c")), "-O2", "-no-pie");
        var elf = ElfReader.ReadFile(exe);
        Assert.Equal(ElfFileType.Executable, elf.FileType);
        var main = elf.FindSymbols("sum_table").Single();
        var text = main.Section!;
        var expected = text.Data.AsSpan((int)(main.Value - text.Address), (int)main.Size).ToArray();

        using var image = ElfMemoryImage.Open(exe);
        Assert.Equal(expected, image.Read(main.Value, (int)main.Size));
        Assert.False(image.TryRead(0x10, new byte[4]));
        Assert.Throws<IOException>(() => image.Read(0x10, 4));
    }
}
