using System.Security.Cryptography;
using System.Text;
using Ksplice.Diff.Indexing;
using Ksplice.Elf.Model;

namespace Ksplice.Diff.Correlation;

/// <summary>
/// What a symbol's bytes say without any correlation: size, bytes outside relocated fields, and each relocation's
/// type and target name with gcc's numbers removed. Used to tell apart several clones of one function.
/// </summary>
public static class Fingerprint
{
    public static string Of(DiffIndex index, ElfSymbol symbol)
    {
        if (symbol.Section is not { } sec) return "";
        var start = (long)symbol.Value;
        var end = start + (long)symbol.Size;
        var bytes = sec.Type == ElfSectionType.NoBits ? new byte[symbol.Size]
            : sec.Data.AsSpan((int)Math.Min(start, sec.Data.Length), (int)Math.Max(0, Math.Min(end, sec.Data.Length) - start)).ToArray();
        var text = new StringBuilder();
        text.Append(symbol.Size).Append(';');
        foreach (var r in RelocationRange.Of(sec, start, end))
        {
            var at = (int)((long)r.Offset - start);
            for (var i = 0; i < RelocationInfo.MaskWidth(r.Type) && at + i < bytes.Length; i++) bytes[at + i] = 0;
            var target = r.Symbol.IsSection || r.Symbol.Name.StartsWith(".L", StringComparison.Ordinal)
                ? r.Symbol.Section is { } ts ? (index.SymbolsIn(ts).Containing(index.ReferencedPlace(sec, r)) is { } c
                    ? index.Name(c).Key : NeverCorrelate.ContentKey(ts.Name)) : r.Symbol.Name
                : index.Name(r.Symbol).Key;
            text.Append(at).Append(':').Append((uint)r.Type).Append(':').Append(target).Append(';');
        }
        text.Append(Convert.ToHexString(bytes));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
