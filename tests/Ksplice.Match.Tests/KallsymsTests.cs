using Ksplice.Match.Symbols;

namespace Ksplice.Match.Tests;

public sealed class KallsymsTests
{
    private const string Text = """
        ffffffff81000000 T _text
        ffffffff8111ac50 t cpu_online
        ffffffff81133e40 t cpu_online
        ffffffff81a07e3d T _printk
        0000000000001000 A cpu_debug_store
        ffffffffc0a1b2c0 t kvm_foo	[kvm]
        ffffffffc0b00000 t cpu_online	[kvm_intel]
        this is not a line
        ffffffffc0b00010 t bad	[unclosed

        """;

    [Fact]
    public void ParsesEntriesModulesAndSkipsOtherLines()
    {
        var source = KallsymsSymbolSource.Parse(new StringReader(Text));
        Assert.Equal(7, source.Count);
        Assert.Equal(2, source.SkippedLines);
        Assert.Equal(["kvm", "kvm_intel"], source.Modules.Order());
        var printk = Assert.Single(source.Lookup("_printk"));
        Assert.Equal(new KernelSymbol("_printk", 0xffffffff81a07e3d, 'T', null), printk);
        Assert.Equal("kvm", Assert.Single(source.Lookup("kvm_foo")).Module);
    }

    [Fact]
    public void LookupPerTargetNormalisesModuleNames()
    {
        var source = KallsymsSymbolSource.Parse(new StringReader(Text));
        Assert.Equal(3, source.Lookup("cpu_online").Count);
        Assert.Equal(2, source.Lookup("cpu_online", "vmlinux").Count);
        Assert.Equal(0xffffffffc0b00000, Assert.Single(source.Lookup("cpu_online", "kvm-intel")).Address);
        Assert.True(source.IsLoaded("kvm-intel"));
        Assert.True(source.IsLoaded("vmlinux"));
        Assert.False(source.IsLoaded("xfs"));
        Assert.Empty(source.Lookup("nothing"));
    }

    [Theory]
    [InlineData('t', true)]
    [InlineData('T', true)]
    [InlineData('W', true)]
    [InlineData('d', false)]
    [InlineData('r', false)]
    public void TextTypes(char type, bool isText) => Assert.Equal(isText, new KernelSymbol("x", 0, type, null).IsText);
}
