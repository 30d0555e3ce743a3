using Ksplice.Elf.Model;

namespace Ksplice.Diff.Model;

/// <summary>A data object (variable, constant table) that differs between pre and post; null sides as in <see cref="FunctionChange"/>.</summary>
public sealed record DataChange(ChangeKind Kind, DataKind DataKind, ElfSymbol? Pre, ElfSymbol? Post)
{
    public string Reason { get; init; } = "";
    public string Name => (Post ?? Pre)!.Name;
}
