using Ksplice.Match.Symbols;

namespace Ksplice.Match.Tests;

public sealed class KallsymsTests
{
    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "Kallsyms", name);

    private static readonly Kallsyms Sample = Kallsyms.Load(Data("kallsyms.txt"));

    [Fact]
    public void ParsesKernelAndModuleLines()
    {
        Assert.Equal(18, Sample.Symbols.Count);
        Assert.Equal(new KernelSymbol("cmdline_proc_show", 0xffffffff813f05a0, 't', null), Sample.Symbols[7]);
        Assert.Equal(new KernelSymbol("xfs_fs_fill_super", 0xffffffffc0a00000, 't', "xfs"), Sample.Symbols[13]);
        Assert.Equal("xfs", Sample.Symbols[13].Target);
        Assert.Equal("vmlinux", Sample.Symbols[7].Target);
        Assert.True(Sample.Symbols[7].IsText);
        Assert.False(Sample.Symbols[7].IsGlobal);
        Assert.Equal(["bpf", "libcrc32c", "xfs"], Sample.Modules.Order(StringComparer.Ordinal));
        Assert.Equal(Data("kallsyms.txt"), Sample.Source);
        Assert.False(Sample.AddressesHidden);
    }

    [Fact]
    public void LookupReturnsEveryCandidate()
    {
        Assert.Equal(3, Sample.Lookup("show_stat").Count);
        Assert.Equal([0xffffffff81400100UL, 0xffffffff81500200UL], Sample.Lookup("show_stat", "vmlinux").Select(s => s.Address));
        Assert.Equal("xfs", Assert.Single(Sample.Lookup("show_stat", "xfs")).Module);
        Assert.Empty(Sample.Lookup("no_such_symbol"));
    }

    [Fact]
    public void ModuleNamesAreNormalisedAndBlankLinesIgnored()
    {
        var kallsyms = Kallsyms.Parse(
            "ffffffff8111ac50 t cpu_online\r\n\r\n0000000000001000 A cpu_debug_store\nffffffffc0b00000 t cpu_online\t[kvm_intel]  \n   \n");
        Assert.Equal(3, kallsyms.Symbols.Count);
        Assert.Equal(0xffffffffc0b00000, Assert.Single(kallsyms.Lookup("cpu_online", "kvm-intel")).Address);
        Assert.True(kallsyms.IsLoaded("kvm-intel"));
        Assert.True(kallsyms.IsLoaded("vmlinux"));
        Assert.False(kallsyms.IsLoaded("xfs"));
    }

    [Fact]
    public void SingleNamesTheCandidatesWhenAmbiguousOrMissing()
    {
        Assert.Equal(0xffffffff82a5b5a0UL, Sample.Single("text_mutex").Address);
        Assert.True(Sample.TryGetSingle("xfs_buf_read_map", "xfs", out var s) && s.Type == 'T');
        Assert.False(Sample.TryGetSingle("show_stat", "vmlinux", out _));
        var ambiguous = Assert.Throws<KallsymsException>(() => Sample.Single("show_stat"));
        Assert.Contains("ambiguous", ambiguous.Message, StringComparison.Ordinal);
        Assert.Contains("0xffffffff81500200", ambiguous.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<KallsymsException>(() => Sample.Single("xfs_fs_fill_super"));
        Assert.Contains("not in vmlinux", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0xffffffff813f05a0UL, "cmdline_proc_show", 0x0UL)]
    [InlineData(0xffffffff813f05c5UL, "cmdline_proc_show", 0x25UL)]
    [InlineData(0xffffffff81000010UL, "startup_64", 0x10UL)] // three names at one address: text and global first
    [InlineData(0xffffffffc0a00410UL, "xfs_buf_read_map", 0x10UL)]
    public void FindsTheContainingSymbol(ulong address, string name, ulong offset)
    {
        Assert.True(Sample.TryFindContaining(address, out var symbol, out var off));
        Assert.Equal(name, symbol.Name);
        Assert.Equal(offset, off);
    }

    [Fact]
    public void NothingContainsAnAddressBelowTheFirstSymbol() =>
        Assert.False(Sample.TryFindContaining(0xffffffff80000000UL, out _, out _));

    [Fact]
    public void SizeIsTheDistanceToTheNextSymbol()
    {
        Assert.Equal(0x30UL, Sample.SizeOf(Sample.Single("cmdline_proc_show")));
        Assert.Null(Sample.SizeOf(Sample.Symbols[^1]));
    }

    [Fact]
    public void AllZeroAddressesMeanKptrRestrict()
    {
        var hidden = Kallsyms.Load(Data("kallsyms-hidden.txt"));
        Assert.True(hidden.AddressesHidden);
        Assert.False(hidden.TryFindContaining(0x10, out _, out _));
        var e = Assert.Throws<KallsymsException>(() => hidden.Single("text_poke"));
        Assert.Contains("kptr_restrict", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ffffffff81000000 T")]
    [InlineData("zzzz T name")]
    [InlineData("ffffffff81000000 TT name")]
    [InlineData("ffffffff81000000 t name xfs")]
    [InlineData("ffffffffc0b00010 t bad\t[unclosed")]
    [InlineData("this is not a line")]
    public void MalformedLineIsReportedWithItsNumber(string line)
    {
        var e = Assert.Throws<KallsymsException>(() => Kallsyms.Parse("ffffffff81000000 T _text\n" + line + "\n", "saved"));
        Assert.StartsWith("saved:2: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableFileIsAKallsymsException() =>
        Assert.Throws<KallsymsException>(() => Kallsyms.Load("/nonexistent/kallsyms"));

    [Theory]
    [InlineData('t', true, false)]
    [InlineData('T', true, true)]
    [InlineData('W', true, true)]
    [InlineData('d', false, false)]
    [InlineData('D', false, true)]
    [InlineData('r', false, false)]
    public void TypeLetters(char type, bool isText, bool isGlobal)
    {
        var symbol = new KernelSymbol("x", 0, type, null);
        Assert.Equal(isText, symbol.IsText);
        Assert.Equal(isGlobal, symbol.IsGlobal);
    }
}
