using Ksplice.Elf.Model;

namespace Ksplice.Elf.Special;

/// <summary>
/// A relocated field of one entry, resolved: the symbol and addend of its relocation, and, when the symbol is defined
/// in this object, the section and offset it points at (flag bits masked off; for a PC-relative field this is S + A).
/// </summary>
public sealed record FieldReference(SpecialField Field, ElfRelocation Relocation, ElfSection? TargetSection, ulong TargetOffset, long Flags);
