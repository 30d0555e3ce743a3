namespace Ksplice.Source.Process;

/// <summary>An external command exited non-zero: carries the command line, exit code and the tail of its output.</summary>
public sealed class ProcessFailedException(ProcessResult result, string? context = null)
    : Exception(FormatMessage(result, context))
{
    public ProcessResult Result { get; } = result;

    private static string FormatMessage(ProcessResult result, string? context) =>
        $"{(context is null ? "" : context + ": ")}Failed during: {result.CommandLine} (exit code {result.ExitCode})"
        + (string.IsNullOrWhiteSpace(result.Tail()) ? "" : "\n" + result.Tail());
}
