using Ksplice.Elf.Model;

namespace Ksplice.Diff.Indexing;

/// <summary>
/// A function as a live update sees it: its symbol and the <c>.cold</c> part gcc split out of it (found by name, or
/// failing that by the jumps between them). The two are compared, replaced and stack-checked together.
/// </summary>
public sealed record FunctionUnit(ElfSymbol Main, ElfSymbol? Cold)
{
    public string Name => Main.Name;
    public ElfSection Section => Main.Section!;

    public IEnumerable<ElfSymbol> Parts => Cold is null ? [Main] : [Main, Cold];

    public override string ToString() => Cold is null ? Main.Name : $"{Main.Name} (+{Cold.Name})";
}
