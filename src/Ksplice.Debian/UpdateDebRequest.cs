namespace Ksplice.Debian;

/// <summary>
/// What <c>ksplice package</c> makes of one update tarball: its package revision, the maintainer, and the update
/// package it is stacked on (a Depends entry, so apt installs the series in order and removes it in reverse).
/// </summary>
public sealed record UpdateDebRequest(string Tarball, string OutputDirectory)
{
    public int Revision { get; init; } = 1;
    public string Maintainer { get; init; } = DefaultMaintainer;
    public string? After { get; init; }

    public const string DefaultMaintainer = "Ksplice updates <updates@ksplice.invalid>";
}
