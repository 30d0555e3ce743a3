using System.Globalization;
using Ksplice.TestSupport.Cases;

namespace Ksplice.Match.Tests;

/// <summary>One line of Data/site-forms.txt: a site, the expected verdict, and the running bytes to write there.</summary>
public sealed record SiteFormCase(string File, int Line, string Function, int Offset, string Expect, IReadOnlyList<string> Tokens)
{
    public bool ExpectsMatch => Expect != "no_match";

    public override string ToString() => $"{File}:{Line}: {Function}+0x{Offset:x} {Expect} {string.Join(' ', Tokens)}";

    public static IEnumerable<SiteFormCase> Read(string file)
    {
        foreach (var line in CaseFile.Read(file))
        {
            var parts = line.Fields;
            if (parts.Count < 3) throw line.Error("expected FUNCTION+OFFSET EXPECT BYTES...");
            var plus = parts[0].IndexOf('+');
            if (plus <= 0 || !parts[0][(plus + 1)..].StartsWith("0x", StringComparison.Ordinal)
                || !int.TryParse(parts[0][(plus + 3)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var offset))
                throw line.Error($"'{parts[0]}' is not FUNCTION+0xOFFSET");
            var expect = parts[1];
            if (expect != "no_match" && !expect.Contains(':')) throw line.Error($"'{expect}' is neither KIND:FORM nor no_match");
            yield return new SiteFormCase(line.File, line.Line, parts[0][..plus], offset, expect, parts.Skip(2).ToList());
        }
    }

    /// <summary>
    /// The running bytes for a site at <paramref name="site"/> in a function at <paramref name="function"/>; symbols resolve
    /// through <paramref name="resolve"/>. Returns null for "unchanged".
    /// </summary>
    public byte[]? Assemble(ulong function, ulong site, Func<string, ulong> resolve)
    {
        if (Tokens is ["unchanged"]) return null;
        var bytes = new List<byte>();
        foreach (var token in Tokens)
        {
            var at = site + (ulong)bytes.Count;
            ulong Target(string t) =>
                t.StartsWith('+') ? function + ulong.Parse(t[3..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : t.StartsWith('=') ? resolve(t[1..])
                : t.StartsWith("0x", StringComparison.Ordinal) ? ulong.Parse(t[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : throw new CaseFileException(File, Line, $"bad target '{t}'");
            string Argument(string t) => t[(t.IndexOf('(') + 1)..^1];
            switch (token)
            {
                case "int3": bytes.Add(0xcc); break;
                case "cs": bytes.Add(0x2e); break;
                case ['n', 'o', 'p', var digit] when digit is >= '1' and <= '8': bytes.AddRange(Nops[digit - '0']); break;
                case var t when t.StartsWith("call(", StringComparison.Ordinal): Branch(bytes, 0xe8, 4, at, Target(Argument(t))); break;
                case var t when t.StartsWith("jmp8(", StringComparison.Ordinal): Branch(bytes, 0xeb, 1, at, Target(Argument(t))); break;
                case var t when t.StartsWith("jmp(", StringComparison.Ordinal): Branch(bytes, 0xe9, 4, at, Target(Argument(t))); break;
                case var t when t.Length == 2 && byte.TryParse(t, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b): bytes.Add(b); break;
                default: throw new CaseFileException(File, Line, $"bad token '{token}'");
            }
        }
        return bytes.ToArray();
    }

    private static void Branch(List<byte> bytes, byte opcode, int width, ulong at, ulong target)
    {
        var displacement = unchecked((long)(target - (at + 1 + (ulong)width)));
        bytes.Add(opcode);
        if (width == 1) bytes.Add(unchecked((byte)(sbyte)displacement));
        else bytes.AddRange(BitConverter.GetBytes((int)displacement));
    }

    /// <summary>The kernel's NOPs (arch/x86/include/asm/nops.h), written out here independently of the matcher's table.</summary>
    private static readonly byte[][] Nops =
    [
        [], [0x90], [0x66, 0x90], [0x0f, 0x1f, 0x00], [0x0f, 0x1f, 0x40, 0x00], [0x0f, 0x1f, 0x44, 0x00, 0x00],
        [0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00], [0x0f, 0x1f, 0x80, 0, 0, 0, 0], [0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0],
    ];
}
