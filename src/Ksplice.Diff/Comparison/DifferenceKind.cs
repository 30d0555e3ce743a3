namespace Ksplice.Diff.Comparison;

public enum DifferenceKind
{
    /// <summary>Bytes outside relocated fields differ.</summary>
    Bytes,
    /// <summary>The sizes differ.</summary>
    Size,
    /// <summary>A relocation is missing, added, or refers elsewhere.</summary>
    Relocation,
    /// <summary>A relocation refers to another gcc clone of the same function (<c>foo</c> became <c>foo.isra.0</c>).</summary>
    CalleeRename,
    /// <summary>Special-section entries of a function differ.</summary>
    Entries,
    /// <summary>The cold part appeared or disappeared.</summary>
    ColdPart,
}
