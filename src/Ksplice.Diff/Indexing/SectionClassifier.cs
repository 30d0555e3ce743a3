using Ksplice.Elf.Model;
using Ksplice.Elf.Special;

namespace Ksplice.Diff.Indexing;

/// <summary>
/// Decides the <see cref="SectionCategory"/> of a section from its name and flags. The rules are one ordered table,
/// first match wins; each row says why, so a surprising classification can be traced to one line.
/// </summary>
public static class SectionClassifier
{
    private sealed record Rule(string Why, Func<ElfSection, bool> Matches, SectionCategory Category);

    private static readonly string[] IgnoredPrefixes = [".debug", ".note", ".comment", ".discard", ".modinfo", ".gnu.", ".llvm"];
    private static readonly string[] AnonymousCode = [".altinstr_replacement", ".altinstr_aux"];

    private static readonly Rule[] Rules =
    [
        new("not loaded into memory", s => !s.IsAlloc, SectionCategory.Ignored),
        new("debug, notes, build metadata, discarded at link time, module information",
            s => IgnoredPrefixes.Any(p => s.Name.StartsWith(p, StringComparison.Ordinal)), SectionCategory.Ignored),
        new("a table of the special-section list", s => SpecialSections.IsSpecial(s.Name), SectionCategory.Special),
        new("boot-time code (__init)", s => s.IsExecutable && IsInit(s.Name), SectionCategory.InitCode),
        new("boot-time data (__initdata, initcalls, __setup)", s => !s.IsExecutable && IsInit(s.Name), SectionCategory.InitData),
        new("alternative replacement code, reached through .altinstructions and jumps",
            s => AnonymousCode.Contains(s.Name), SectionCategory.AnonymousCode),
        new("executable code", s => s.IsExecutable, SectionCategory.Code),
        new("SHF_MERGE strings or constants", s => (s.Flags & ElfSectionFlags.Merge) != 0, SectionCategory.Mergeable),
        new("per-CPU data", s => s.Name.StartsWith(".data..percpu", StringComparison.Ordinal), SectionCategory.PerCpu),
        new("writable data", s => s.IsWritable, SectionCategory.Writable),
        new("read-only data", _ => true, SectionCategory.ReadOnly),
    ];

    public static SectionCategory Classify(ElfSection section) => Rules.First(r => r.Matches(section)).Category;

    /// <summary>Why the section got its category: the matching row's explanation.</summary>
    public static string Explain(ElfSection section) => Rules.First(r => r.Matches(section)).Why;

    private static bool IsInit(string name) =>
        name.StartsWith(".init.", StringComparison.Ordinal) || name.StartsWith(".initcall", StringComparison.Ordinal)
        || name.StartsWith(".con_initcall", StringComparison.Ordinal)
        || (name.EndsWith(".init", StringComparison.Ordinal) && !name.StartsWith(".text", StringComparison.Ordinal));
}
