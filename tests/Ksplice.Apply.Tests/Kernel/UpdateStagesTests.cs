using Ksplice.Abi;
using Ksplice.Apply.Kernel;
using Xunit;

namespace Ksplice.Apply.Tests.Kernel;

public sealed class UpdateStagesTests
{
    /// <summary>The enum is in the order of the stage words (StageNames, checked against kmod/include/ksplice_stages.h).</summary>
    [Fact]
    public void EnumIsInTheOrderOfTheStageWords()
    {
        Assert.Equal(StageNames.All, Enum.GetValues<UpdateStage>().Select(s => s.WireName()));
        Assert.Equal(StageNames.All, Enum.GetNames<UpdateStage>().Select(n => n.ToLowerInvariant()));
    }

    [Fact]
    public void WireNamesParseBack()
    {
        foreach (var stage in Enum.GetValues<UpdateStage>())
            Assert.Equal(stage, UpdateStages.Parse(stage.WireName() + "\n"));
        var e = Assert.Throws<FormatException>(() => UpdateStages.Parse("applying"));
        Assert.Contains("preparing, applied, reversed", e.Message, StringComparison.Ordinal);
    }
}
