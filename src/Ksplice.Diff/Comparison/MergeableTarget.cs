using System.Text;
using Ksplice.Elf.Model;

namespace Ksplice.Diff.Comparison;

/// <summary>
/// A place in a SHF_MERGE section: the whole item holding it (a NUL-terminated string, or one constant of
/// sh_entsize bytes) and the offset inside the item. The linker may merge or move items, so only content counts.
/// </summary>
public sealed record MergeableTarget(ElfSection Section, int Start, int Length, long Inside, bool IsString) : ReferenceTarget
{
    public ReadOnlySpan<byte> Content => Section.Data.AsSpan(Start, Length);

    public bool SameContent(MergeableTarget other) => IsString == other.IsString && Inside == other.Inside && Content.SequenceEqual(other.Content);

    public override string Describe()
    {
        if (!IsString) return $"constant {Convert.ToHexString(Content)}";
        var text = new StringBuilder("\"");
        var bytes = Content;
        foreach (var b in bytes[..Math.Max(0, bytes.Length - 1)])
        {
            if (text.Length > 60) { text.Append("..."); break; }
            text.Append(b switch { (byte)'\n' => "\\n", (byte)'\t' => "\\t", (byte)'"' => "\\\"", < 32 or > 126 => $"\\x{b:x2}", _ => ((char)b).ToString() });
        }
        text.Append('"');
        if (Inside != 0) text.Append($"+0x{Inside:x}");
        return text.ToString();
    }
}
