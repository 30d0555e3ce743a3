namespace Ksplice.Diff.Tests.Cases;

/// <summary>A malformed case line; the message starts with <c>file:line:</c>.</summary>
public sealed class DiffCaseFormatException(string file, int line, string message) : Exception($"{file}:{line}: {message}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
}
