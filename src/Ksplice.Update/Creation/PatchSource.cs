namespace Ksplice.Update.Creation;

/// <summary>Where the source change comes from (exactly one, as in ksplice-create's synopsis).</summary>
public enum PatchSource
{
    PatchFile,
    DiffExt,
    Git,
    Prebuild,
}
