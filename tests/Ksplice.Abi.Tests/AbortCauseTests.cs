using Xunit;

namespace Ksplice.Abi.Tests;

public sealed class AbortCauseTests
{
    /// <summary>kmod/include/ksplice_abort_causes.h is the one C list: the enum must name the same causes in the same order.</summary>
    [Fact]
    public void EnumMatchesTheKernelList()
    {
        var kernel = KmodHeader.List("ksplice_abort_causes.h", "KSPLICE_ABORT_CAUSES");
        Assert.Equal(15, kernel.Count);
        Assert.Equal(kernel, Enum.GetValues<AbortCause>().Select(c => c.WireName()));
        Assert.Equal(kernel, AbortCauses.All.Select(i => i.WireName));
    }

    [Fact]
    public void TableIsInEnumOrderWithAdviceForEach()
    {
        Assert.Equal(Enum.GetValues<AbortCause>(), AbortCauses.All.Select(i => i.Cause));
        Assert.All(AbortCauses.All, i => Assert.True(i.Advice.Length > 40, i.WireName));
    }

    [Fact]
    public void OnlyCodeBusyShowsConflicts() =>
        Assert.Equal([AbortCause.CodeBusy], Enum.GetValues<AbortCause>().Where(c => c.ShowsConflicts()));

    [Fact]
    public void WireNamesParseBack()
    {
        foreach (var cause in Enum.GetValues<AbortCause>())
            Assert.Equal(cause, AbortCauses.Parse(cause.WireName() + "\n"));
        Assert.False(AbortCauses.TryParse("bad_system_map", out _));
        var e = Assert.Throws<FormatException>(() => AbortCauses.Parse("bad_system_map"));
        Assert.Contains("code_busy", e.Message, StringComparison.Ordinal);
    }
}
