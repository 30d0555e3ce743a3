namespace Ksplice.Match.Symbols;

/// <summary>The running kernel's symbols: every candidate for a name, and which modules are loaded.</summary>
public interface ISymbolSource
{
    /// <summary>All entries with this exact name, in vmlinux and every module.</summary>
    IReadOnlyList<KernelSymbol> Lookup(string name);

    /// <summary>The loaded modules, as kallsyms names them.</summary>
    IReadOnlyCollection<string> Modules { get; }
}
