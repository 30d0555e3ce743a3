using System.Text;

namespace Ksplice.Match.Comparison;

/// <summary>Bytes as "e8 00 00 00 00"; masked bytes (relocated fields) print as "..".</summary>
internal static class Hex
{
    public static string Format(ReadOnlySpan<byte> bytes, Func<int, bool>? masked = null)
    {
        var sb = new StringBuilder(bytes.Length * 3);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i > 0) sb.Append(' ');
            if (masked is not null && masked(i)) sb.Append("..");
            else sb.Append(bytes[i].ToString("x2"));
        }
        return sb.ToString();
    }
}
