namespace Ksplice.Types;

/// <summary>
/// An <c>--allow-type-change</c> name that matches no type change the check would refuse (a misspelt name, or a type
/// whose change the check finds safe). While other types changed, it is refused: its author may believe an allowance
/// is in force that is not. Otherwise it allows nothing and is only a warning.
/// </summary>
public sealed record UnmatchedAllowance(string Name, IReadOnlyList<string> ChangedTypes)
{
    public bool Refused => ChangedTypes.Count > 0;

    public override string ToString() =>
        $"--allow-type-change='{Name}' matches no type change that would be refused; "
        + (Refused ? $"the changed types are: {string.Join(", ", ChangedTypes.Select(t => $"'{t}'"))}" : "it allows nothing");
}
