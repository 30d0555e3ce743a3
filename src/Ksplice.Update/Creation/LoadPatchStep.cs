using Ksplice.Source.Patches;

namespace Ksplice.Update.Creation;

/// <summary>Reads the change from --patch, --diffext or --git.</summary>
public static class LoadPatchStep
{
    public static SourcePatch Run(CreateContext context)
    {
        var request = context.Request;
        var patch = request.Source switch
        {
            PatchSource.PatchFile => PatchFileInput.Load(request.PatchFile!, request.PatchOptions),
            PatchSource.DiffExt => DiffExtInput.Load(context.Source.Path, request.DiffExt!, context.Runner, context.Excluded),
            PatchSource.Git => GitInput.Load(context.Source.Path, request.GitCommit!, request.Series, context.Runner),
            _ => throw new ArgumentOutOfRangeException(nameof(context), request.Source, "no patch to load"),
        };
        context.Progress.Detail($"patch touches {patch.Files.Count} file(s): {string.Join(", ", patch.Files.Select(f => f.Path))}");
        return patch;
    }
}
