using Ksplice.Diff.Indexing;
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

    /// <summary>Post sections paired with their pre twins (by the symbols they define, or by a unique name).</summary>
    public IReadOnlyDictionary<ElfSection, ElfSection> SectionCorrelation { get; init; } = new Dictionary<ElfSection, ElfSection>();

    /// <summary>How each correlated post symbol found its twin ("global name", "clone suffix", "static local (...)").</summary>
    public IReadOnlyDictionary<ElfSymbol, string> CorrelationRules { get; init; } = new Dictionary<ElfSymbol, string>();

    /// <summary>The indexes the differ built: function units with cold parts, special-section entries per function.</summary>
    public DiffIndex? PreIndex { get; init; }
    public DiffIndex? PostIndex { get; init; }

    /// <summary>Decisions worth knowing that are neither changes nor refusals (ignored init changes, malformed tables).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Data items that are new or changed (included in the update), as opposed to removed.</summary>
    public IEnumerable<DataChange> IncludedData => Data.Where(d => d.Kind is ChangeKind.New or ChangeKind.Changed);

    /// <summary>True when some function or data differs (refusals included): the object matters to the update.</summary>
    public bool HasChanges => Functions.Count > 0 || Data.Count > 0 || Refusals.Count > 0;

    public IEnumerable<FunctionChange> Changed => Functions.Where(f => f.Kind == ChangeKind.Changed);
    public IEnumerable<FunctionChange> Added => Functions.Where(f => f.Kind == ChangeKind.New);
    public IEnumerable<FunctionChange> Removed => Functions.Where(f => f.Kind == ChangeKind.Removed);

    /// <summary>The pre twin of a post symbol, if any.</summary>
    public ElfSymbol? PreTwin(ElfSymbol post) => Correlation.GetValueOrDefault(post);
}
