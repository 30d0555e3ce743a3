using System.Text;

namespace Ksplice.Cli;

/// <summary>
/// Writes text that came from an update tarball or from the kernel so that it cannot drive the terminal: control
/// characters (ESC, CR, backspace, the rest of C0 but newline and tab, DEL and C1) and bidirectional overrides are
/// shown as <c>\xNN</c> / <c>\uNNNN</c> escapes.
/// </summary>
public sealed class TerminalTextWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (IsSafe(value)) inner.Write(value);
        else inner.Write(Escape(value));
    }

    public override void Write(string? value)
    {
        if (value is not null) inner.Write(Clean(value));
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Flush() => inner.Flush();

    public static string Clean(string text)
    {
        if (text.All(IsSafe)) return text;
        var b = new StringBuilder(text.Length + 16);
        foreach (var c in text) b.Append(IsSafe(c) ? c.ToString() : Escape(c));
        return b.ToString();
    }

    private static bool IsSafe(char c) =>
        c is '\n' or '\t' || !(c < 0x20 || c is >= '\x7f' and <= '\x9f' || c is '\u200e' or '\u200f' or >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069');

    private static string Escape(char c) => c <= 0xff ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}";
}
