namespace Ksplice.Match.Symbols;

/// <summary>The running kernel's symbols: every candidate for a name, and which modules are loaded.</summary>
public interface ISymbolSource
{
    /// <summary>All entries with this exact name, in vmlinux and every module.</summary>
    IReadOnlyList<KernelSymbol> Lookup(string name);

    /// <summary>Every entry that starts exactly at <paramref name="address"/> (several names may share one address).</summary>
    IReadOnlyList<KernelSymbol> At(ulong address);

    /// <summary>The loaded modules, as kallsyms names them.</summary>
    IReadOnlyCollection<string> Modules { get; }
}
