namespace Ksplice.Diff.Correlation;

/// <summary>
/// A symbol name taken apart the way gcc builds it: <c>foo.constprop.0.isra.0.cold</c> is the base <c>foo</c>, the clone
/// suffixes <c>constprop</c> and <c>isra</c> (whose numbers change from build to build), and the cold flag; a static
/// local <c>calls.3</c> is the base <c>calls</c> with the number 3. <see cref="Key"/> drops every number, so twins across
/// builds share it.
/// </summary>
public sealed record SymbolName(string Name, string Base, IReadOnlyList<string> CloneSuffixes, bool IsCold, bool HasLocalNumber)
{
    /// <summary>gcc's clone suffixes, each followed by a number: interprocedural constant propagation, scalar
    /// replacement of aggregates, partial inlining, LTO privatisation, local aliases.</summary>
    public static IReadOnlyList<string> KnownCloneSuffixes { get; } = ["constprop", "isra", "part", "lto_priv", "localalias", "clone"];

    /// <summary>The name without numbers: <c>foo.constprop.isra.cold</c>, <c>calls.N</c>.</summary>
    public string Key => Base
        + string.Concat(CloneSuffixes.Select(s => "." + s))
        + (IsCold ? ".cold" : "")
        + (HasLocalNumber ? ".N" : "");

    /// <summary>True when the name carries anything gcc numbers or splits (a clone, a cold part, a static local).</summary>
    public bool IsDecorated => CloneSuffixes.Count > 0 || IsCold || HasLocalNumber;

    /// <summary>The name of the function a cold part was split from (<c>foo.isra.0</c> for <c>foo.isra.0.cold</c>).</summary>
    public string? ColdParentName
    {
        get
        {
            if (!IsCold) return null;
            var at = Name.LastIndexOf(".cold", StringComparison.Ordinal);
            return at > 0 ? Name[..at] : null;
        }
    }

    public static SymbolName Parse(string name)
    {
        // Assembler-local labels (.LC0, .L__unnamed) and empty names are not gcc clone names.
        if (name.Length == 0 || name[0] == '.') return new SymbolName(name, name, [], false, false);
        var parts = name.Split('.');
        var baseName = parts[0];
        var suffixes = new List<string>();
        var cold = false;
        var local = false;
        for (var i = 1; i < parts.Length; i++)
        {
            var p = parts[i];
            if (KnownCloneSuffixes.Contains(p) && i + 1 < parts.Length && IsNumber(parts[i + 1]))
            {
                suffixes.Add(p);
                i++;
            }
            else if (p == "cold")
            {
                cold = true;
                if (i + 1 < parts.Length && IsNumber(parts[i + 1])) i++; // older gcc: .cold.12
            }
            else if (IsNumber(p) && i == parts.Length - 1 && suffixes.Count == 0 && !cold)
            {
                local = true;
            }
            else
            {
                // Not a pattern we know: keep it as part of the base name so it only matches itself.
                baseName += "." + p;
            }
        }
        return new SymbolName(name, baseName, suffixes, cold, local);
    }

    private static bool IsNumber(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);
}
