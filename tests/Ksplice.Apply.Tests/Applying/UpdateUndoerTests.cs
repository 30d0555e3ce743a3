using Ksplice.Abi;
using Ksplice.Apply.Applying;
using Ksplice.Apply.Kernel;
using Ksplice.Apply.Tests.Support;
using Ksplice.Match.Tests.Support;
using Ksplice.Package.Manifest;
using Xunit;

namespace Ksplice.Apply.Tests.Applying;

/// <summary>ksplice-undo against a recorded kernel.</summary>
public sealed class UpdateUndoerTests
{
    private const string Id = "t3st";
    private readonly RecordedKernel _kernel = new(TestUpdate.Kernel, new ListSymbolSource([]), new SparseMemory());

    private ApplyReport Undo(string id = Id) => new UpdateUndoer(_kernel, _ => { }).Undo(id);

    private void Record() =>
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(_kernel.State.DirectoryOf(Id)).FullName, "description"), "recorded\n");

    [Fact]
    public void AnAppliedUpdateIsReversedUnloadedAndForgotten()
    {
        _kernel.Preload(Id, UpdateStage.Applied);
        Record();

        var report = Undo();

        Assert.Equal(ApplyOutcome.Applied, report.Outcome);
        Assert.Equal([$"reverse {Id}", $"unload ksplice_{Id}"], _kernel.Actions);
        Assert.Empty(_kernel.Modules);
        Assert.False(Directory.Exists(_kernel.State.DirectoryOf(Id)));
    }

    [Fact]
    public void AnUnknownIdIsRefused()
    {
        var e = Assert.Throws<TargetRefusedException>(() => Undo("nosuch"));

        Assert.Equal(new UpdateNotLoaded("nosuch"), e.Refusal);
        Assert.Empty(_kernel.Actions);
    }

    [Theory]
    [InlineData(UpdateStage.Preparing)]
    [InlineData(UpdateStage.Reversed)]
    public void AnUpdateThatIsNotAppliedIsOnlyUnloaded(UpdateStage stage)
    {
        _kernel.Preload(Id, stage);
        Record();

        Assert.Equal(ApplyOutcome.Applied, Undo().Outcome);
        Assert.Equal([$"unload ksplice_{Id}"], _kernel.Actions);
        Assert.False(Directory.Exists(_kernel.State.DirectoryOf(Id)));
    }

    [Fact]
    public void AnUpdateWhoseCodeHandedOutAnAddressKeepsItsModuleAndRecordAndASecondUndoSaysWhy()
    {
        _kernel.Preload(Id, UpdateStage.Applied);
        var manifest = TestUpdate.Manifest(Id, new LearnImage()) with { Escapes = [new EscapeEntry("learn_calls", "data ops")] };
        _kernel.State.Save(Id, System.Text.Encoding.UTF8.GetBytes(ManifestJson.Serialize(manifest)), [], "recorded\n", []);

        var first = Undo();
        _kernel.Preload(Id, UpdateStage.Reversed);
        var second = Undo();

        foreach (var report in new[] { first, second })
        {
            Assert.Equal(ApplyOutcome.Applied, report.Outcome);
            Assert.Contains("stays loaded until the next reboot", Assert.Single(report.Notes), StringComparison.Ordinal);
        }
        Assert.Equal([$"reverse {Id}"], _kernel.Actions);
        Assert.Equal([$"ksplice_{Id}"], _kernel.Modules.Keys);
        Assert.True(Directory.Exists(_kernel.State.DirectoryOf(Id)));
    }

    [Fact]
    public void WhenTheCoreRefusesToReverseTheUpdateStaysLoadedAndRecorded()
    {
        _kernel.Preload(Id, UpdateStage.Applied);
        Record();
        _kernel.ReverseAnswer = new StageResult(UpdateStage.Applied, AbortCause.CodeBusy, [new StackConflict("sleeper", 7, ["learn_calls"])], "busy\n");

        var report = Undo();

        Assert.Equal(ApplyOutcome.Aborted, report.Outcome);
        Assert.Equal(AbortCause.CodeBusy, report.Cause);
        Assert.Equal("sleeper 7 learn_calls", Assert.Single(report.Conflicts).ToString());
        Assert.Equal([$"reverse {Id}"], _kernel.Actions);
        Assert.Equal([$"ksplice_{Id}"], _kernel.Modules.Keys);
        Assert.True(Directory.Exists(_kernel.State.DirectoryOf(Id)));
    }
}
