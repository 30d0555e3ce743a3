namespace Ksplice.Apply.Applying;

/// <summary>
/// The installed core at <paramref name="Path"/> does not export the ksplice_* symbols with the CRCs the update module
/// was built against: the update and the core come from different ksplice sources, and the kernel would refuse to link
/// them ("disagrees about version of symbol").
/// </summary>
public sealed record InstalledCoreMismatch(string Id, string Path, IReadOnlyList<CoreSymbolMismatch> Symbols) : TargetRefusal(Id)
{
    public bool Equals(InstalledCoreMismatch? other) =>
        other is not null && Id == other.Id && Path == other.Path && Symbols.SequenceEqual(other.Symbols);

    public override int GetHashCode() => HashCode.Combine(Id, Path, Symbols.Count);
}
