using Ksplice.Apply.Applying;
using Ksplice.Apply.Kernel;
using Ksplice.Apply.Tests.Support;
using Ksplice.Match.Tests.Support;
using Xunit;

namespace Ksplice.Apply.Tests.Applying;

/// <summary>
/// Apply and undo stopped at each <see cref="ProgressPoint"/> (as SIGKILL would stop them: nothing after the point
/// runs, the lock goes with the process), then the next apply or undo of the same update against what was left.
/// </summary>
public sealed class InterruptedRunTests
{
    private const string Id = "t3st";
    private const string UpdateModule = $"ksplice_{Id}";
    private readonly LearnImage _image = new();
    private readonly RecordedKernel _kernel;
    private readonly string _update;

    public InterruptedRunTests()
    {
        _kernel = new RecordedKernel(TestUpdate.Kernel, _image.Image.SymbolSource, _image.Image.Memory);
        _update = TestUpdate.Write(TestUpdate.Manifest(Id, _image));
    }

    private sealed class Killed(ProgressPoint point) : Exception($"killed at {point.WireName()}");

    private static Action<ProgressPoint> KillAt(ProgressPoint point) => p =>
    {
        if (p == point) throw new Killed(p);
    };

    private ApplyReport Apply(ProgressPoint? killAt = null, bool dryRun = false) =>
        new UpdateApplier(_kernel, _ => { }, killAt is { } p ? KillAt(p) : null).Apply(new ApplyRequest(_update) { DryRun = dryRun });

    private ApplyReport Undo(ProgressPoint? killAt = null) =>
        new UpdateUndoer(_kernel, _ => { }, killAt is { } p ? KillAt(p) : null).Undo(Id);

    private void KilledApply(ProgressPoint point)
    {
        Assert.Throws<Killed>(() => Apply(point));
        _kernel.Actions.Clear();
    }

    private bool Recorded => Directory.Exists(_kernel.State.DirectoryOf(Id));

    public static TheoryData<ProgressPoint> ApplyPoints => new(ProgressPoint.CoreLoaded, ProgressPoint.UpdateLoaded, ProgressPoint.Recorded);

    [Fact]
    public void KilledAfterTheCoreLoadsOnlyTheCoreIsLeft()
    {
        KilledApply(ProgressPoint.CoreLoaded);

        Assert.Equal([CoreModule.Name], _kernel.Modules.Keys);
        Assert.Empty(_kernel.Stages);
        Assert.False(Recorded);
    }

    [Theory]
    [InlineData(ProgressPoint.UpdateLoaded, false)]
    [InlineData(ProgressPoint.Recorded, true)]
    public void KilledAfterTheUpdateLoadsItIsLeftPreparingAndRecordedOnlyOnceTheRecordIsWhole(ProgressPoint point, bool recorded)
    {
        KilledApply(point);

        Assert.Equal([CoreModule.Name, UpdateModule], _kernel.Modules.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(UpdateStage.Preparing, _kernel.Stages[Id]);
        Assert.Equal(recorded, Recorded);
        if (recorded) Assert.Single(_kernel.State.Functions(Id));
        Assert.Empty(Directory.GetDirectories(_kernel.State.Root, ".new-*"));
    }

    [Theory]
    [MemberData(nameof(ApplyPoints))]
    public void TheNextApplyRemovesWhatIsLeftAndApplies(ProgressPoint point)
    {
        KilledApply(point);

        var report = Apply();

        Assert.Equal(ApplyOutcome.Applied, report.Outcome);
        var leftover = point != ProgressPoint.CoreLoaded;
        Assert.Equal(leftover ? [$"unload {UpdateModule}", $"load {UpdateModule}", $"apply {Id}"] : [$"load {UpdateModule}", $"apply {Id}"],
            _kernel.Actions);
        Assert.Equal(leftover, report.Notes.Any(n => n.Contains($"update {Id} was loaded but not applied (stage preparing)", StringComparison.Ordinal)));
        Assert.Equal(UpdateStage.Applied, _kernel.Stages[Id]);
        Assert.Single(_kernel.State.Functions(Id));
    }

    [Theory]
    [InlineData(ProgressPoint.UpdateLoaded)]
    [InlineData(ProgressPoint.Recorded)]
    public void TheNextUndoUnloadsWhatIsLeftAndForgetsIt(ProgressPoint point)
    {
        KilledApply(point);

        Assert.Equal(ApplyOutcome.Applied, Undo().Outcome);

        Assert.Equal([$"unload {UpdateModule}"], _kernel.Actions);
        Assert.Equal([CoreModule.Name], _kernel.Modules.Keys);
        Assert.Empty(_kernel.Stages);
        Assert.False(Recorded);
    }

    [Fact]
    public void AfterAKillBeforeTheUpdateLoadsUndoFindsNothingToUndo()
    {
        KilledApply(ProgressPoint.CoreLoaded);

        var e = Assert.Throws<TargetRefusedException>(() => Undo());

        Assert.Equal(new UpdateNotLoaded(Id), e.Refusal);
        Assert.Empty(_kernel.Actions);
    }

    [Fact]
    public void ARecordLeftWithoutItsModuleIsRemovedByUndo()
    {
        Assert.Equal(ApplyOutcome.Applied, Apply().Outcome);
        _kernel.Modules.Remove(UpdateModule);
        _kernel.Stages.Remove(Id);

        var e = Assert.Throws<TargetRefusedException>(() => Undo());

        Assert.Equal(new UpdateNotLoaded(Id) { RecordRemoved = true }, e.Refusal);
        Assert.False(Recorded);
    }

    [Fact]
    public void ADryRunOverALeftoverSaysTheRealApplyUnloadsItAndChangesNothing()
    {
        KilledApply(ProgressPoint.UpdateLoaded);

        var report = Apply(dryRun: true);

        Assert.Equal(ApplyOutcome.WouldApply, report.Outcome);
        Assert.Contains(report.Notes, n => n.EndsWith("the real apply unloads it first", StringComparison.Ordinal));
        Assert.Equal(UpdateStage.Preparing, _kernel.Stages[Id]);
        Assert.DoesNotContain(_kernel.Actions, a => a.StartsWith("unload", StringComparison.Ordinal));
    }

    [Fact]
    public void KilledUndoLeavesTheUpdateReversedAndRecordedAndTheNextUndoFinishes()
    {
        Assert.Equal(ApplyOutcome.Applied, Apply().Outcome);
        _kernel.Actions.Clear();
        Assert.Throws<Killed>(() => Undo(ProgressPoint.Reversed));
        Assert.Equal(UpdateStage.Reversed, _kernel.Stages[Id]);
        Assert.True(Recorded);
        _kernel.Actions.Clear();

        Assert.Equal(ApplyOutcome.Applied, Undo().Outcome);

        Assert.Equal([$"unload {UpdateModule}"], _kernel.Actions);
        Assert.False(Recorded);
    }

    [Fact]
    public void KilledUndoIsFinishedByTheNextApplyTooWhichAppliesAgain()
    {
        Assert.Equal(ApplyOutcome.Applied, Apply().Outcome);
        Assert.Throws<Killed>(() => Undo(ProgressPoint.Reversed));
        _kernel.Actions.Clear();

        var report = Apply();

        Assert.Equal(ApplyOutcome.Applied, report.Outcome);
        Assert.Equal([$"unload {UpdateModule}", $"load {UpdateModule}", $"apply {Id}"], _kernel.Actions);
        Assert.Contains(report.Notes, n => n.Contains("(stage reversed)", StringComparison.Ordinal));
    }

    [Fact]
    public void AnAppliedUpdateIsNotTouchedByTheNextApply()
    {
        Assert.Equal(ApplyOutcome.Applied, Apply().Outcome);
        _kernel.Actions.Clear();

        var e = Assert.Throws<TargetRefusedException>(() => Apply());

        Assert.Equal(new UpdateAlreadyLoaded(Id, UpdateStage.Applied), e.Refusal);
        Assert.Empty(_kernel.Actions);
        Assert.True(Recorded);
    }

    [Fact]
    public void WhenTheCoreRefusesTheRecordWrittenBeforeIsRemoved()
    {
        _kernel.ApplyAnswer = new StageResult(UpdateStage.Preparing, Ksplice.Abi.AbortCause.CodeBusy, [], "");

        Assert.Equal(ApplyOutcome.Aborted, Apply().Outcome);

        Assert.False(Recorded);
        Assert.Empty(_kernel.Modules);
    }

    [Fact]
    public void WhileAnotherRunHoldsTheLockApplyAndUndoRefuseAndTouchNothing()
    {
        KilledApply(ProgressPoint.UpdateLoaded);
        using (_kernel.State.Lock("other"))
        {
            var applying = Assert.Throws<TargetRefusedException>(() => Apply());
            var undoing = Assert.Throws<TargetRefusedException>(() => Undo());

            Assert.Equal(new OperationInProgress(Id, Path.Combine(_kernel.State.Root, ".lock")), applying.Refusal);
            Assert.Equal(applying.Refusal, undoing.Refusal);
            Assert.Empty(_kernel.Actions);
            Assert.Equal(UpdateStage.Preparing, _kernel.Stages[Id]);
        }
        Assert.Equal(ApplyOutcome.Applied, Apply().Outcome);
    }

    [Fact]
    public void EveryPointHasAFaultNameThatReadsBack()
    {
        foreach (var point in Enum.GetValues<ProgressPoint>())
            Assert.Equal(point, ProgressPoints.Parse(point.WireName()));
        Assert.Equal(Enum.GetValues<ProgressPoint>().Length, ProgressPoints.Names.Count);
        Assert.Null(ProgressPoints.Parse("after-lunch"));
    }
}
