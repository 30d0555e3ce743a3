using Ksplice.Match.Symbols;

namespace Ksplice.Match.Tests.Support;

/// <summary>A symbol source over a list, for tests.</summary>
public sealed class ListSymbolSource(IEnumerable<KernelSymbol> symbols) : ISymbolSource
{
    private readonly List<KernelSymbol> _symbols = symbols.ToList();

    public IReadOnlyList<KernelSymbol> Lookup(string name) => _symbols.Where(s => s.Name == name).ToList();

    public IReadOnlyList<KernelSymbol> At(ulong address) => _symbols.Where(s => s.Address == address).ToList();

    public IReadOnlyCollection<string> Modules => _symbols.Select(s => s.Module).OfType<string>().Distinct().ToList();

    public ListSymbolSource With(params KernelSymbol[] more) => new(_symbols.Concat(more));
}
