using Ksplice.Apply.Applying;
using Ksplice.Apply.Tests.Support;
using Ksplice.Elf.IO;
using Ksplice.Package;
using Xunit;

namespace Ksplice.Apply.Tests.Applying;

/// <summary>Specialising tests/fixtures/apply/module.c: placeholder values and expected bytes go in, nothing else changes.</summary>
public sealed class ModuleSpecializerTests
{
    private static readonly byte[] Module = File.ReadAllBytes(TestUpdate.ModulePath);

    [Fact]
    public void WritesPlaceholderValuesAndExpectedBytesAndNothingElse()
    {
        byte[] running = [0x0f, 0x1f, 0x44, 0x00, 0x00, 0xe8, 0x01, 0x02, 0x03, 0x04, 0xc3];

        var output = ModuleSpecializer.Specialise(Module, "module.o",
            new Dictionary<string, ulong> { ["__ksplice_sym_0"] = 0xffffffff81234560, ["__ksplice_size_0"] = (ulong)running.Length },
            new Dictionary<string, byte[]> { ["__ksplice_expect_0"] = running });

        var elf = ElfReader.Read(output, "specialised");
        Assert.Equal(0xffffffff81234560, elf.FindSymbols("__ksplice_sym_0").Single().Value);
        Assert.Equal((ulong)running.Length, elf.FindSymbols("__ksplice_size_0").Single().Value);
        Assert.Equal(0UL, elf.FindSymbols("__ksplice_sym_1").Single().Value);
        var expect = elf.FindSymbols("__ksplice_expect_0").Single();
        Assert.Equal(running, expect.Section!.Data.AsSpan((int)expect.Value, running.Length).ToArray());
        Assert.True(expect.Section.Data.AsSpan((int)expect.Value + running.Length, (int)expect.Size - running.Length).IndexOfAnyExcept((byte)0) < 0);

        Assert.Equal(Module.Length, output.Length);
        var changed = Enumerable.Range(0, Module.Length).Count(i => Module[i] != output[i]);
        Assert.InRange(changed, 1, 8 + 8 + running.Length);
    }

    [Fact]
    public void ASymbolThatIsNotAnAbsolutePlaceholderIsRefused()
    {
        var e = Assert.Throws<InvalidUpdateException>(() => ModuleSpecializer.Specialise(Module, "module.o",
            new Dictionary<string, ulong> { ["__ksplice_new_0"] = 1 }, new Dictionary<string, byte[]>()));
        Assert.Contains("__ksplice_new_0 is not an absolute placeholder symbol", e.Message);
    }

    [Fact]
    public void MoreBytesThanTheArrayHoldsAreRefused()
    {
        var e = Assert.Throws<InvalidUpdateException>(() => ModuleSpecializer.Specialise(Module, "module.o",
            new Dictionary<string, ulong>(), new Dictionary<string, byte[]> { ["__ksplice_expect_1"] = new byte[257] }));
        Assert.Contains("__ksplice_expect_1 holds 256 bytes in .ksplice_expect, the matcher compared 257", e.Message);
    }

    [Fact]
    public void ASymbolTheModuleDoesNotHaveIsRefused()
    {
        var e = Assert.Throws<InvalidUpdateException>(() => ModuleSpecializer.Specialise(Module, "module.o",
            new Dictionary<string, ulong> { ["__ksplice_sym_9"] = 1 }, new Dictionary<string, byte[]>()));
        Assert.Contains("expected one symbol __ksplice_sym_9, found 0", e.Message);
    }
}
