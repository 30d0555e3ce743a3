namespace Ksplice.Update.Creation;

/// <summary>Everything ksplice-create was asked to do.</summary>
public sealed record CreateRequest(string KernelSource, PatchSource Source)
{
    public string? PatchFile { get; init; }
    public string? DiffExt { get; init; }
    public string? GitCommit { get; init; }
    public bool Series { get; init; }
    public IReadOnlyList<string> PatchOptions { get; init; } = [];
    public string? ConfigDir { get; init; }
    public string? PostDir { get; init; }
    public string? Id { get; init; }
    public int? Jobs { get; init; }
    public string? Description { get; init; }

    /// <summary>--allow-type-change=NAME: type changes the author made safe (shadow data, hooks); named loudly in the description.</summary>
    public IReadOnlyList<string> AllowedTypeChanges { get; init; } = [];
    public string OutputDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>--sign-key/--sign-cert: sign the update module with the kernel's scripts/sign-file.</summary>
    public Signing.SigningKey? Signing { get; init; }
}
