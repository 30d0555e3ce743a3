namespace Ksplice.Types;

/// <summary>
/// One affected object for the type check: its tree-relative path, the pre and post builds (unstripped, as kbuild
/// built them), the pre symbol names of the functions the update replaces, the post names of the functions it adds,
/// and the type names the author allowed to change (<c>--allow-type-change</c>).
/// </summary>
public sealed record TypeCheckRequest(string ObjectPath, string PrePath, string PostPath)
{
    public IReadOnlyCollection<string> ReplacedFunctions { get; init; } = [];
    public IReadOnlyCollection<string> NewFunctions { get; init; } = [];
    public IReadOnlyCollection<string> AllowedTypes { get; init; } = [];
}
