using Ksplice.Elf.Model;
using Ksplice.Match.Symbols;

namespace Ksplice.Match;

/// <summary>
/// What a learnt value is the value of. Sections are per object (a local symbol is its section's address plus its
/// value); undefined names are per target, since every object of a target that names them means the same symbol.
/// </summary>
public readonly record struct SymbolKey(SymbolKeyKind Kind, string Scope, string Name, int SectionIndex)
{
    public static SymbolKey ForSection(string objectPath, ElfSection section) =>
        new(SymbolKeyKind.Section, objectPath, section.Name, section.Index);

    public static SymbolKey ForName(string target, string name) =>
        new(SymbolKeyKind.Name, Targets.Normalize(target), name, 0);

    public override string ToString() => Kind == SymbolKeyKind.Section ? $"section {Name} of {Scope}" : $"{Name} in {Scope}";
}
