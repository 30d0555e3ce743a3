namespace Ksplice.Elf.Special;

/// <summary>A relocated field of an entry: its offset in the entry, width, role, and flag bits kept in the addend.</summary>
public sealed record SpecialField(int Offset, int Width, FieldRole Role, long FlagMask = 0);
