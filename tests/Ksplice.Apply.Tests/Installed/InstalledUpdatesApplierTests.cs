using Ksplice.Abi;
using Ksplice.Apply.Applying;
using Ksplice.Apply.Installed;
using Ksplice.Apply.Kernel;
using Ksplice.Apply.Tests.Support;
using Ksplice.Match.Tests.Support;
using Ksplice.Package;
using Ksplice.Package.Manifest;
using Xunit;

namespace Ksplice.Apply.Tests.Installed;

/// <summary>ksplice-apply --all against a recorded kernel: every installed update, in order; one failing stops none.</summary>
public sealed class InstalledUpdatesApplierTests
{
    private readonly LearnImage _image = new();
    private readonly RecordedKernel _kernel;

    public InstalledUpdatesApplierTests() => _kernel = new RecordedKernel(TestUpdate.Kernel, _image.Image.SymbolSource, _image.Image.Memory);

    /// <summary>Installs the update <paramref name="id"/> created at <paramref name="day"/> (December 2026) as update packages do.</summary>
    private void Install(string id, int day, bool broken = false, string? builtFor = null,
        Func<UpdateManifest, UpdateManifest>? edit = null, string? module = null)
    {
        var manifest = TestUpdate.Manifest(id, _image) with { Created = new DateTimeOffset(2026, 12, day, 0, 0, 0, TimeSpan.Zero) };
        if (builtFor is not null) manifest = manifest with { Kernel = manifest.Kernel with { Version = builtFor } };
        if (edit is not null) manifest = edit(manifest);
        var dir = Directory.CreateDirectory(_kernel.Installed.DirectoryOf(TestUpdate.Release)).FullName;
        var path = Path.Combine(dir, InstalledUpdates.FileName(manifest));
        if (broken) File.WriteAllText(path, "not a tarball");
        else File.Copy(TestUpdate.Write(manifest, module), path);
    }

    private IReadOnlyList<InstalledUpdateResult> ApplyAll() => new InstalledUpdatesApplier(_kernel, _ => { }).ApplyAll();

    [Fact]
    public void EveryInstalledUpdateIsAppliedInCreationOrder()
    {
        Install("second", 2);
        Install("first", 1);

        var results = ApplyAll();

        Assert.Equal(["first", "second"], results.Select(r => r.Update.Id));
        Assert.All(results, r => Assert.Equal(ApplyOutcome.Applied, r.Report!.Outcome));
        Assert.Equal(["apply first", "apply second"], _kernel.Actions.Where(a => a.StartsWith("apply", StringComparison.Ordinal)));
        Assert.Equal(UpdateStage.Applied, _kernel.Stages["second"]);
    }

    [Fact]
    public void AnUpdateThatIsAppliedAlreadyIsOnlyReported()
    {
        Install("first", 1);
        _kernel.Preload("first", UpdateStage.Applied);

        var result = Assert.Single(ApplyAll());

        Assert.True(result.WasApplied);
        Assert.False(result.Failed);
        Assert.Empty(_kernel.Actions);
    }

    [Fact]
    public void AnUpdateThatCannotBeReadFailsAndTheNextIsStillApplied()
    {
        Install("first", 1, broken: true);
        Install("second", 2);

        var results = ApplyAll();

        Assert.True(results[0].Failed);
        Assert.IsType<InvalidUpdateException>(results[0].Error);
        Assert.False(results[1].Failed);
        Assert.Equal(UpdateStage.Applied, _kernel.Stages["second"]);
    }

    [Fact]
    public void AnUpdateRefusedBeforeLoadingFailsWithTheRefusalAndTheNextIsStillTried()
    {
        Install("first", 1, builtFor: "#1 SMP PREEMPT_DYNAMIC Debian 6.1.0-other (2026-11-01)");
        Install("second", 2);

        var results = ApplyAll();

        Assert.IsType<BuiltForAnotherBuild>(Assert.IsType<TargetRefusedException>(results[0].Error).Refusal);
        Assert.DoesNotContain("load ksplice_first", _kernel.Actions);
        Assert.Equal(ApplyOutcome.Applied, results[1].Report!.Outcome);
    }

    [Fact]
    public void AnUpdateTheKernelAbortsFailsWithItsCauseAndEachIsTried()
    {
        Install("first", 1);
        Install("second", 2);
        _kernel.ApplyAnswer = new StageResult(UpdateStage.Preparing, AbortCause.CodeBusy, [new StackConflict("sleeper", 7, ["learn_calls"])], "busy\n");

        var results = ApplyAll();

        Assert.All(results, r => Assert.True(r.Failed));
        Assert.All(results, r => Assert.Equal(AbortCause.CodeBusy, r.Report!.Cause));
        Assert.Equal(["apply first", "apply second"], _kernel.Actions.Where(a => a.StartsWith("apply", StringComparison.Ordinal)));
        Assert.Empty(_kernel.Stages);
    }

    [Fact]
    public void AnUpdateWhoseManifestNamesAPlaceholderItsModuleLacksFailsAsCorruptAndTheNextIsStillApplied()
    {
        Install("first", 1, edit: m => m with
        {
            Symbols = [.. m.Symbols, new PlaceholderEntry("__ksplice_sym_9", "ext_var", "lib/learn.o", "vmlinux", PlaceholderKind.Data)],
        });
        Install("second", 2);

        var results = ApplyAll();

        Assert.True(results[0].Failed);
        var e = Assert.IsType<InvalidUpdateException>(results[0].Error);
        Assert.Contains("the manifest names __ksplice_sym_9, which the module lacks", e.Message);
        Assert.Contains("the tarball is corrupt or was not made by ksplice-create", e.Message);
        Assert.DoesNotContain("load ksplice_first", _kernel.Actions);
        Assert.Equal(ApplyOutcome.Applied, results[1].Report!.Outcome);
        Assert.Equal(UpdateStage.Applied, _kernel.Stages["second"]);
    }

    [Fact]
    public void AnUpdateWhoseModuleHasAPlaceholderTheManifestDoesNotListFailsAndTheNextIsStillApplied()
    {
        Install("first", 1, module: TestUpdate.ModulePath);
        Install("second", 2);

        var results = ApplyAll();

        Assert.Contains("placeholders the manifest does not list", Assert.IsType<InvalidUpdateException>(results[0].Error).Message);
        Assert.DoesNotContain("load ksplice_first", _kernel.Actions);
        Assert.Equal(ApplyOutcome.Applied, results[1].Report!.Outcome);
    }

    [Fact]
    public void NoInstalledUpdateIsNothingToDo() => Assert.Empty(ApplyAll());
}
