namespace Ksplice.Update.Creation;

/// <summary>What the type check found: the refused type changes, and the WARNING lines for the changes the author
/// allowed (they head the update's description).</summary>
public sealed record CheckedTypes(IReadOnlyList<TypeChangeRefusal> Refusals, IReadOnlyList<string> AllowedWarnings);
