namespace Ksplice.Source.Affected;

/// <summary>A touched file that makes the patch impossible to apply to a running kernel, and why.</summary>
public sealed record PatchRefusal(string Path, string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}
