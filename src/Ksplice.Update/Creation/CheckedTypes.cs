namespace Ksplice.Update.Creation;

/// <summary>What the type check found: the refused type changes (and allowances that matched none of the changes), and the
/// WARNING lines for the changes the author allowed (they head the update's description).</summary>
public sealed record CheckedTypes(IReadOnlyList<CreateRefusal> Refusals, IReadOnlyList<string> AllowedWarnings);
