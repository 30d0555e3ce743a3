using Ksplice.Elf.Sections;
using Ksplice.Diff.Indexing;
using Ksplice.Elf.Model;

namespace Ksplice.Diff.Correlation;

/// <summary>
/// Symbols that are never paired with a twin (klp-diff's <c>dont_correlate</c>): new code uses its own copy, and a
/// reference to one compares by the copy's contents (see <see cref="ContentKey"/>). A short named list; each row says why.
/// </summary>
public static class NeverCorrelate
{
    public sealed record Rule(string Name, string Why, Func<DiffIndex, ElfSymbol, bool> Matches);

    /// <summary>Static locals that macros create once per expansion: the copy in new code is as good as the original.</summary>
    public static IReadOnlyList<string> PerExpansionLocals { get; } =
        ["__already_done", "__func__", "__key", "__warned", "_entry", "_entry_ptr", "_rs", "descriptor", "CSWTCH", "__print_once", "__once"];

    public static IReadOnlyList<Rule> Rules { get; } =
    [
        new("structural", "the null symbol, FILE, section and absolute symbols are not program entities",
            (_, s) => s.Index == 0 || s.Type == ElfSymbolType.File || s.IsSection || s.IsAbsolute),
        new("local label", "assembler-local labels (.LC0, .L__unnamed_1) are places, not entities",
            (_, s) => s.Name.StartsWith(".L", StringComparison.Ordinal)),
        new("per-expansion static", "macro statics (WARN_ONCE's __already_done, __func__, lockdep __key, ratelimit _rs, switch tables CSWTCH...) are per call site",
            (_, s) => s.IsLocal && s.Type == ElfSymbolType.Object && PerExpansionLocals.Contains(SymbolName.Parse(s.Name).Base)),
        new("once data", ".data..once holds the flags of *_ONCE macros, one per call site",
            (_, s) => s.Section?.Name == ".data..once"),
        new("unique id", "__UNIQUE_ID_* names carry __COUNTER__, which any earlier change renumbers",
            (_, s) => s.Name.StartsWith("__UNIQUE_ID_", StringComparison.Ordinal)),
        new("initcall", "__initcall__*/__initstub__* names carry a counter and the line number",
            (_, s) => s.Name.StartsWith("__initcall__", StringComparison.Ordinal) || s.Name.StartsWith("__initstub__", StringComparison.Ordinal)),
        new("content-addressed section", "symbols in strings, constants, special tables and replacement code are compared by content",
            (idx, s) => s.Section is { } sec && idx.Category(sec) is SectionCategory.Mergeable or SectionCategory.Special
                or SectionCategory.AnonymousCode or SectionCategory.Ignored),
    ];

    /// <summary>The rule that excludes <paramref name="symbol"/>, or null when it may be correlated.</summary>
    public static Rule? Find(DiffIndex index, ElfSymbol symbol) => Rules.FirstOrDefault(r => r.Matches(index, symbol));

    public static bool Applies(DiffIndex index, ElfSymbol symbol) => Find(index, symbol) is not null;

    /// <summary>
    /// What two never-correlated symbols must share to be compared by content: the name without gcc's number and
    /// without the __COUNTER__ digits of __UNIQUE_ID_ names (<c>__func__.12</c> and <c>__func__.40</c> both give <c>__func__</c>).
    /// </summary>
    public static string ContentKey(string name)
    {
        var key = SymbolName.Parse(name).Key;
        if (key.StartsWith("__UNIQUE_ID_", StringComparison.Ordinal) || key.StartsWith("__initcall__", StringComparison.Ordinal))
            key = new string(key.Where(c => !char.IsAsciiDigit(c)).ToArray());
        return key;
    }
}
