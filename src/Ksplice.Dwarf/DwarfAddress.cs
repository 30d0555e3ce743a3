using Ksplice.Elf.Model;

namespace Ksplice.Dwarf;

/// <summary>An address in a relocatable object: the symbol its relocation names (often a section symbol) and the
/// relocated value, S + A, which is an offset in that symbol's section.</summary>
public readonly record struct DwarfAddress(ElfSymbol Symbol, ulong Value);
