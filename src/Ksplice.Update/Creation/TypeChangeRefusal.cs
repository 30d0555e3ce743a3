using Ksplice.Types;

namespace Ksplice.Update.Creation;

/// <summary>A type the running kernel keeps using changed (docs/DESIGN.md section 6): the refusals of one type, one per
/// affected object that has it.</summary>
public sealed record TypeChangeRefusal(IReadOnlyList<TypeRefusal> Refusals) : CreateRefusal;
