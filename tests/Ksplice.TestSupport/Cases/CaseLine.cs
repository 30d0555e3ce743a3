namespace Ksplice.TestSupport.Cases;

/// <summary>One case of a case file: where it is, its text without the comment, and its blank-separated fields.</summary>
public sealed record CaseLine(string File, int Line, string Text, IReadOnlyList<string> Fields)
{
    /// <summary><c>file:line</c>.</summary>
    public string Where => $"{File}:{Line}";

    /// <summary>The text after the first <paramref name="count"/> fields, trimmed ("" when there is none).</summary>
    public string Rest(int count)
    {
        var text = Text;
        for (var i = 0; i < count && text.Length > 0; i++)
        {
            var blank = text.IndexOfAny([' ', '\t']);
            text = blank < 0 ? "" : text[blank..].TrimStart();
        }
        return text;
    }

    /// <summary>The exception that reports a problem with this case as <c>file:line: message</c>.</summary>
    public CaseFileException Error(string message) => new(File, Line, message);
}
