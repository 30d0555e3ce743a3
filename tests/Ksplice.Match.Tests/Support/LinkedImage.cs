using Ksplice.Elf.Model;
using Ksplice.Match.Symbols;

namespace Ksplice.Match.Tests.Support;

/// <summary>What <see cref="TinyLinker"/> made: memory with the relocated sections, their addresses, and a kallsyms view.</summary>
public sealed class LinkedImage
{
    public SparseMemory Memory { get; } = new();
    public Dictionary<(ElfObject, ElfSection), ulong> Sections { get; } = [];
    public List<KernelSymbol> Symbols { get; } = [];

    public ulong SectionAddress(ElfObject obj, ElfSection section) => Sections[(obj, section)];

    /// <summary>The address of a symbol defined in <paramref name="obj"/>.</summary>
    public ulong AddressOf(ElfObject obj, string name)
    {
        var symbol = obj.FindSymbols(name).Single(s => s.Section is not null);
        return SectionAddress(obj, symbol.Section!) + symbol.Value;
    }

    public ISymbolSource SymbolSource => new ListSymbolSource(Symbols);
}
