using Ksplice.Elf.Model;

namespace Ksplice.Diff.Correlation;

/// <summary>Twins must be the same kind of thing: a function stays a function, data stays data.</summary>
public static class SymbolKind
{
    public static string Of(ElfSymbol s) => s.Type switch
    {
        ElfSymbolType.Function or ElfSymbolType.GnuIndirectFunction => "function",
        ElfSymbolType.Object or ElfSymbolType.Tls or ElfSymbolType.Common => "data",
        ElfSymbolType.Section => "section",
        _ => s.Section is { IsExecutable: true } ? "function" : s.Section is null ? "external" : "data",
    };

    public static bool Compatible(ElfSymbol a, ElfSymbol b) => Of(a) == Of(b);
}
