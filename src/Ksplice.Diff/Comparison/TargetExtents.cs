using Ksplice.Elf.Special;

namespace Ksplice.Diff.Comparison;

/// <summary>
/// Tables whose entries record how long the code their Target field points at is: an alternative's replacement is
/// exactly <c>replacementlen</c> bytes (it may be empty and share its start with the next one, so the extent cannot be
/// guessed from where references land).
/// </summary>
public static class TargetExtents
{
    private static readonly Dictionary<string, string> LengthFields = new()
    {
        [".altinstructions"] = "replacementlen",
    };

    /// <summary>The entry-relative offset of the Target field and the length it points at, when the table records it.</summary>
    public static (long FieldOffset, long Length)? Of(SpecialEntry entry) =>
        LengthFields.TryGetValue(entry.Kind.Name, out var field) && entry.Kind.Fields.FirstOrDefault(f => f.Role == FieldRole.Target) is { } target
            ? (target.Offset, entry.Byte(field)) : null;
}
