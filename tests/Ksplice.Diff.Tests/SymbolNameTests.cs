using Ksplice.Diff.Correlation;
using Xunit;

namespace Ksplice.Diff.Tests;

public class SymbolNameTests
{
    [Theory]
    [InlineData("foo", "foo", "foo")]
    [InlineData("foo.constprop.0", "foo", "foo.constprop")]
    [InlineData("foo.constprop.12", "foo", "foo.constprop")]
    [InlineData("foo.isra.0", "foo", "foo.isra")]
    [InlineData("foo.part.3", "foo", "foo.part")]
    [InlineData("foo.cold", "foo", "foo.cold")]
    [InlineData("foo.isra.0.cold", "foo", "foo.isra.cold")]
    [InlineData("foo.constprop.0.isra.0", "foo", "foo.constprop.isra")]
    [InlineData("__pr_flush.constprop.0.isra.0", "__pr_flush", "__pr_flush.constprop.isra")]
    [InlineData("calls.3", "calls", "calls.N")]
    [InlineData("__func__.66", "__func__", "__func__.N")]
    [InlineData(".LC5", ".LC5", ".LC5")]
    [InlineData("weird.name", "weird.name", "weird.name")]
    public void Numbers_gcc_changes_between_builds_are_dropped_from_the_key(string name, string baseName, string key)
    {
        var n = SymbolName.Parse(name);
        Assert.Equal(baseName, n.Base);
        Assert.Equal(key, n.Key);
    }

    [Theory]
    [InlineData("foo.cold", "foo")]
    [InlineData("foo.isra.0.cold", "foo.isra.0")]
    [InlineData("foo.constprop.0.cold", "foo.constprop.0")]
    [InlineData("foo", null)]
    public void A_cold_part_names_its_parent(string name, string? parent) => Assert.Equal(parent, SymbolName.Parse(name).ColdParentName);

    [Theory]
    [InlineData("__func__.12", "__func__.N")]
    [InlineData("__UNIQUE_ID_ddebug376.21", "__UNIQUE_ID_ddebug.N")]
    [InlineData("__UNIQUE_ID___addressable___SCK__might_resched2.38", "__UNIQUE_ID___addressable___SCK__might_resched.N")]
    public void Never_correlated_names_compare_by_a_key_without_counters(string name, string key) =>
        Assert.Equal(key, NeverCorrelate.ContentKey(name));
}
