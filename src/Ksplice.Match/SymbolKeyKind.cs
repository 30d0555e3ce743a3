namespace Ksplice.Match;

public enum SymbolKeyKind
{
    /// <summary>The running address of a pre object's section (offset 0): statics, string-free data, functions.</summary>
    Section,
    /// <summary>The value of a global name in a target (an undefined symbol of a pre object).</summary>
    Name,
}
