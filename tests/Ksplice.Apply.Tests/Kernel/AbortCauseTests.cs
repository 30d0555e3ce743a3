using System.Text.RegularExpressions;
using Ksplice.TestSupport;
using Xunit;

namespace Ksplice.Apply.Tests.Kernel;

public sealed partial class AbortCauseTests
{
    /// <summary>kmod/abort_causes.h is the one C list: the enum must name the same causes in the same order.</summary>
    [Fact]
    public void EnumMatchesTheKernelList()
    {
        var header = File.ReadAllText(Path.Combine(RepoPaths.Root, "kmod", "abort_causes.h"));
        var kernel = EntryPattern().Matches(header).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(13, kernel.Count);
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

    [GeneratedRegex(@"^KSPLICE_ABORT\((\w+)\)\s*$", RegexOptions.Multiline)]
    private static partial Regex EntryPattern();
}
