using Ksplice.Elf.IO;
using Ksplice.Elf.Model;

namespace Ksplice.Elf.Special;

/// <summary>
/// Splits the special sections of an object into entries, one generic loop driven by <see cref="SpecialSections"/>:
/// checks the size against the entry size, then resolves every relocated field through its relocation.
/// </summary>
public static class SpecialSectionReader
{
    public static IReadOnlyList<SpecialEntry> ReadAll(ElfObject obj, List<ElfDiagnostic>? diagnostics = null) =>
        obj.Sections.Where(s => SpecialSections.Find(s.Name) is not null)
            .SelectMany(s => Read(obj, s, diagnostics)).ToList();

    public static IReadOnlyList<SpecialEntry> Read(ElfObject obj, ElfSection section, List<ElfDiagnostic>? diagnostics = null)
    {
        var kind = SpecialSections.Find(section.Name)
            ?? throw new ArgumentException($"{section.Name} is not a special section", nameof(section));
        var size = (int)section.Size;
        var count = size / kind.EntrySize;
        var rest = size % kind.EntrySize;
        if (rest != 0)
        {
            var minimum = kind.Fields.Max(f => f.Offset + f.Width);
            minimum = Math.Max(minimum, kind.ByteFields.Count == 0 ? 0 : kind.ByteFields.Values.Max() + 1);
            if (kind.LastEntryMayBeShort && rest >= minimum) count++;
            else
            {
                diagnostics?.Add(new(ElfDiagnosticKind.Warning, ElfDiagnosticId.SpecialSectionSizeNotMultiple, obj.Origin,
                    $"section [{section.Index}] {section.Name}: size {size} is not a multiple of the entry size {kind.EntrySize}; the last {rest} bytes are ignored"));
            }
        }

        var relocs = section.Relocations.ToDictionary(r => r.Offset);
        var entries = new List<SpecialEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var offset = i * kind.EntrySize;
            var length = Math.Min(kind.EntrySize, size - offset);
            var fields = new List<FieldReference>(kind.Fields.Count);
            foreach (var field in kind.Fields)
            {
                if (!relocs.TryGetValue((ulong)(offset + field.Offset), out var r))
                {
                    diagnostics?.Add(new(ElfDiagnosticKind.Warning, ElfDiagnosticId.SpecialFieldWithoutRelocation, obj.Origin,
                        $"section [{section.Index}] {section.Name}: entry {i} field at +{field.Offset} has no relocation"));
                    continue;
                }
                fields.Add(Resolve(field, r));
            }
            entries.Add(new SpecialEntry(kind, section, i, offset, length, fields));
        }
        return entries;
    }

    private static FieldReference Resolve(SpecialField field, ElfRelocation r)
    {
        var flags = r.Addend & field.FlagMask;
        var addend = r.Addend & ~field.FlagMask;
        if (r.Symbol.Section is null) return new FieldReference(field, r, null, 0, flags);
        return new FieldReference(field, r, r.Symbol.Section, unchecked((ulong)((long)r.Symbol.Value + addend)), flags);
    }
}
