using Ksplice.Apply.Kernel;
using Ksplice.Match.Symbols;

namespace Ksplice.Apply.Applying;

/// <summary>The running kernel's kallsyms as the matcher's symbol source (one parse serves the core module and matching).</summary>
public sealed class KallsymsSymbols : ISymbolSource
{
    private readonly Kallsyms _kallsyms;
    private readonly Dictionary<string, IReadOnlyList<KernelSymbol>> _cache = new(StringComparer.Ordinal);

    public KallsymsSymbols(Kallsyms kallsyms)
    {
        _kallsyms = kallsyms;
        Modules = kallsyms.Symbols.Where(s => s.Module is not null).Select(s => s.Module!).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Modules { get; }

    public IReadOnlyList<KernelSymbol> Lookup(string name)
    {
        if (_cache.TryGetValue(name, out var found)) return found;
        found = _kallsyms.Lookup(name).Select(s => new KernelSymbol(s.Name, s.Address, s.Type, s.Module)).ToList();
        _cache[name] = found;
        return found;
    }
}
