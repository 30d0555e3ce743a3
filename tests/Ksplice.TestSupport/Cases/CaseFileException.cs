namespace Ksplice.TestSupport.Cases;

/// <summary>A malformed case; the message starts with <c>file:line: </c>.</summary>
public sealed class CaseFileException(string file, int line, string message) : FormatException($"{file}:{line}: {message}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
}
