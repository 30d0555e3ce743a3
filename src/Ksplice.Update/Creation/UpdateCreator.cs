using System.Diagnostics;
using Ksplice.Source.Kbuild;
using Ksplice.Source.Process;
using Ksplice.Update.Signing;
using Ksplice.Package.Scratch;

namespace Ksplice.Update.Creation;

/// <summary>
/// ksplice-create from end to end: prepare the tree, apply the change to the post tree, build the affected objects in
/// both trees, diff them, build the update module (and the core, for its symbol CRCs), sign it when asked and write
/// ksplice-&lt;id&gt;.tar.gz. Each step is its own
/// class; this one sequences them and decides when to stop early.
/// </summary>
public sealed class UpdateCreator(IProcessRunner runner, ICreateProgress progress)
{
    public static string ToolVersion => "ksplice " + (typeof(UpdateCreator).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    public CreateResult Create(CreateRequest request)
    {
        var clock = Stopwatch.StartNew();
        if (Directory.Exists(request.KernelSource) && TreeLock.IsHeld(request.KernelSource, TreeLock.CreateFileName))
            progress.Step($"Waiting for another ksplice-create in {request.KernelSource} to finish");
        using var createLock = Directory.Exists(request.KernelSource) ? TreeLock.Acquire(request.KernelSource, fileName: TreeLock.CreateFileName) : null;
        var context = PrepareTreeStep.Run(request, runner, progress);
        // Found before anything is built, so a missing sign-file does not cost a build.
        var signFile = request.Signing is not null && request.Source != PatchSource.Prebuild ? KernelSignFile.Locate(context.Headers, runner) : null;
        if (request.Source == PatchSource.Prebuild)
        {
            SetUpPostTreeStep.Run(context);
            return new CreateResult(CreateOutcome.Prepared);
        }

        var patch = LoadPatchStep.Run(context);
        var affected = FindAffectedObjectsStep.Run(context, patch);
        if (affected.Refusals.Count > 0)
            return new CreateResult(CreateOutcome.Refused) { Refusals = affected.Refusals.Select(r => new TouchedFileRefusal(r)).ToList() };
        if (affected.Objects.Count == 0)
            return new CreateResult(CreateOutcome.NoChanges);

        var post = ApplyPatchStep.Run(context, patch);
        var built = BuildObjectsStep.Run(context, affected, post);
        if (built.Objects.Count == 0)
            return new CreateResult(CreateOutcome.NoChanges);

        var diffs = DiffObjectsStep.Run(context, built, post);
        var objectDiffs = diffs.Select(d => d.Diff).ToList();
        var types = CheckTypesStep.Run(context, built, post, diffs);
        var refusals = objectDiffs.SelectMany(d => d.Refusals).Select(r => (CreateRefusal)new ObjectChangeRefusal(r))
            .Concat(types.Refusals).ToList();
        if (refusals.Count > 0)
            return new CreateResult(CreateOutcome.Refused) { Refusals = refusals, Diffs = objectDiffs };
        if (objectDiffs.All(d => !d.Changed.Any() && !d.Added.Any() && d.Data.Count == 0))
            return new CreateResult(CreateOutcome.NoChanges) { Diffs = objectDiffs };

        var update = BuildUpdateObjectStep.Run(context, diffs);
        var work = ScratchDirectory.Create("ksplice-create-");
        try
        {
            var modules = BuildModulesStep.Run(context, update, work);
            if (signFile is not null) modules = SignModuleStep.Run(context, signFile, request.Signing!, modules, work);
            var written = WritePackageStep.Run(context, patch, diffs, update, modules, work, types.AllowedWarnings);
            progress.Detail($"created in {clock.Elapsed.TotalSeconds:0.0} s");
            return new CreateResult(CreateOutcome.Created) { Tarball = written.Tarball, Manifest = written.Manifest, Diffs = objectDiffs };
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
