using Ksplice.Apply.Applying;
using Xunit;

namespace Ksplice.Apply.Tests.Applying;

public sealed class TrampolineOffsetsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void AgreeingOffsetsPass(int offset) => TrampolineOffsets.Check("cmdline_proc_show", offset, offset);

    [Fact]
    public void DisagreeingOffsetsAreRefusedNamingTheFunctionAndBoth()
    {
        var e = Assert.Throws<TrampolineOffsetMismatchException>(() => TrampolineOffsets.Check("cmdline_proc_show", 5, 0));
        Assert.IsAssignableFrom<InvalidOperationException>(e);
        Assert.Equal(("cmdline_proc_show", 5, 0), (e.Function, e.ManifestOffset, e.MatchedOffset));
        Assert.StartsWith("cmdline_proc_show: the update was built to write its trampoline at +5, but the matcher found it at +0", e.Message, StringComparison.Ordinal);
    }
}
