using Ksplice.Elf.Model;

namespace Ksplice.Diff.Model;

/// <summary>
/// The result of comparing one object built before and after the patch. <see cref="Correlation"/> maps every post
/// symbol that has a twin in the pre object to that twin (functions, data, static locals renamed name.N, .isra/.constprop
/// clones, section symbols) so the update can point new code at the running kernel's copies.
/// </summary>
public sealed class ObjectDiff
{
    public required string ObjectPath { get; init; }
    public required ElfObject Pre { get; init; }
    public required ElfObject Post { get; init; }
    public required IReadOnlyList<FunctionChange> Functions { get; init; }
    public required IReadOnlyList<DataChange> Data { get; init; }
    public required IReadOnlyList<Refusal> Refusals { get; init; }
    public required IReadOnlyDictionary<ElfSymbol, ElfSymbol> Correlation { get; init; }

    /// <summary>True when some function or data differs (refusals included): the object matters to the update.</summary>
    public bool HasChanges => Functions.Count > 0 || Data.Count > 0 || Refusals.Count > 0;

    public IEnumerable<FunctionChange> Changed => Functions.Where(f => f.Kind == ChangeKind.Changed);
    public IEnumerable<FunctionChange> Added => Functions.Where(f => f.Kind == ChangeKind.New);
    public IEnumerable<FunctionChange> Removed => Functions.Where(f => f.Kind == ChangeKind.Removed);

    /// <summary>The pre twin of a post symbol, if any.</summary>
    public ElfSymbol? PreTwin(ElfSymbol post) => Correlation.GetValueOrDefault(post);
}
