namespace Ksplice.Source.Kbuild;

/// <summary>A kbuild make invocation failed; <see cref="ErrorLines"/> holds the compiler's and make's error lines.</summary>
public sealed class KbuildException(string message, string commandLine, IReadOnlyList<string> errorLines, string output)
    : KspliceSourceException(message)
{
    public string CommandLine { get; } = commandLine;
    public IReadOnlyList<string> ErrorLines { get; } = errorLines;

    /// <summary>The tail of make's combined output.</summary>
    public string Output { get; } = output;
}
