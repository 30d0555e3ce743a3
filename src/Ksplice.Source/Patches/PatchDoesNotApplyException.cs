namespace Ksplice.Source.Patches;

/// <summary>GNU patch's dry run failed; the post tree was left as it was. <see cref="PatchOutput"/> is patch's message.</summary>
public sealed class PatchDoesNotApplyException(string message, string patchOutput) : KspliceSourceException(message)
{
    public string PatchOutput { get; } = patchOutput;
}
