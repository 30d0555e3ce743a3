using Ksplice.Package;
using Ksplice.Package.Manifest;

namespace Ksplice.Corpus;

/// <summary>
/// What one `ksplice create` run left: exit code, output, the tarball with its manifest when it made one, and how long
/// the run took (when it was made, not when a cached run is read back).
/// </summary>
public sealed record CreateRun(int ExitCode, string Output, string Error, string? Tarball, TimeSpan Elapsed)
{
    public const int NoChangesExitCode = 66;

    public UpdateManifest Manifest => ReadManifest();

    /// <summary>The tool died with an unhandled exception instead of saying what was wrong.</summary>
    public bool Crashed => Error.Contains("Unhandled exception", StringComparison.Ordinal)
        || Error.Contains("\n   at Ksplice.", StringComparison.Ordinal);

    /// <summary>The first lines of what the tool said on stderr, whole: its reason for refusing or failing (a type
    /// refusal names the users that stay after its changes).</summary>
    public string Reason => Summary.Whole(string.Join('\n', Error.Split('\n').Where(l => !IsProgress(l))));

    /// <summary>"[ 12.3s] Building ..." lines: create's progress, not its reason.</summary>
    private static bool IsProgress(string line) => line.TrimStart().StartsWith('[') && line.Contains("s] ", StringComparison.Ordinal);

    public string Describe() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";

    private UpdateManifest ReadManifest()
    {
        if (Tarball is null) throw new InvalidOperationException("no tarball was made:\n" + Describe());
        var scratch = Directory.CreateTempSubdirectory("ksplice-e2e-manifest-").FullName;
        try
        {
            return UpdatePackage.Open(Tarball, scratch).Manifest;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
