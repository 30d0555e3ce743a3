namespace Ksplice.Package.Manifest;

/// <summary>One trampoline: the old function (by its placeholder), the pre section the matcher compares, and the
/// symbol of the array that receives the bytes the matcher saw.</summary>
public sealed record PatchEntry(int Index, string Name, string Object, string Target, string Old, string PreSection,
    ulong PreSize, string ExpectSymbol, int TrampolineOffset)
{
    /// <summary>The absolute symbol that receives the running function's size (at most <see cref="PreSize"/>).</summary>
    public string SizeSymbol { get; init; } = $"__ksplice_size_{Index}";
}
