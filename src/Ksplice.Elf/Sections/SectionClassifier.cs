using Ksplice.Elf.Model;
using Ksplice.Elf.Special;

namespace Ksplice.Elf.Sections;

/// <summary>
/// What a section of a kernel object is: its <see cref="SectionCategory"/>, whether the running kernel freed it after
/// boot, whether it is code without symbols. The one place these questions are answered (the special-section table,
/// <see cref="SpecialSections"/>, stays the owner of special sections). The category rules are one ordered table,
/// first match wins; each row says why, so a surprising classification can be traced to one line.
/// </summary>
public static class SectionClassifier
{
    private sealed record Rule(string Why, Func<ElfSection, bool> Matches, SectionCategory Category);

    private static readonly string[] IgnoredPrefixes = [".debug", ".note", ".comment", ".discard", ".modinfo", ".gnu.", ".llvm"];

    /// <summary>Code sections without function symbols, reached only through references and special-section entries.</summary>
    public static IReadOnlySet<string> AnonymousCodeSections { get; } =
        new HashSet<string>(StringComparer.Ordinal) { ".altinstr_replacement", ".altinstr_aux" };

    private static readonly Rule[] Rules =
    [
        new("not loaded into memory", s => !s.IsAlloc, SectionCategory.Ignored),
        new("debug, notes, build metadata, discarded at link time, module information",
            s => IgnoredPrefixes.Any(p => s.Name.StartsWith(p, StringComparison.Ordinal)), SectionCategory.Ignored),
        new("a table of the special-section list", s => SpecialSections.IsSpecial(s.Name), SectionCategory.Special),
        new("boot-time code (__init)", s => s.IsExecutable && IsBootTimeOnly(s.Name), SectionCategory.InitCode),
        new("boot-time data (__initdata, initcalls, __setup)", s => !s.IsExecutable && IsBootTimeOnly(s.Name), SectionCategory.InitData),
        new("alternative replacement code, reached through .altinstructions and jumps",
            s => IsAnonymousCode(s.Name), SectionCategory.AnonymousCode),
        new("executable code", s => s.IsExecutable, SectionCategory.Code),
        new("SHF_MERGE strings or constants", s => (s.Flags & ElfSectionFlags.Merge) != 0, SectionCategory.Mergeable),
        new("per-CPU data", s => s.Name.StartsWith(".data..percpu", StringComparison.Ordinal), SectionCategory.PerCpu),
        new("writable data", s => s.IsWritable, SectionCategory.Writable),
        new("read-only data", _ => true, SectionCategory.ReadOnly),
    ];

    public static SectionCategory Classify(ElfSection section) => Rules.First(r => r.Matches(section)).Category;

    /// <summary>Why the section got its category: the matching row's explanation.</summary>
    public static string Explain(ElfSection section) => Rules.First(r => r.Matches(section)).Why;

    public static bool IsAnonymousCode(string name) => AnonymousCodeSections.Contains(name);

    /// <summary>
    /// Code and data that only run or are only read while booting: __init (.init.*), initcall tables, console
    /// initcalls, __setup and other <c>*.init</c> tables. A change to them cannot take effect in a running kernel.
    /// </summary>
    public static bool IsBootTimeOnly(string name) =>
        name.StartsWith(".init.", StringComparison.Ordinal) || name.StartsWith(".initcall", StringComparison.Ordinal)
        || name.StartsWith(".con_initcall", StringComparison.Ordinal)
        || (name.EndsWith(".init", StringComparison.Ordinal) && !name.StartsWith(".text", StringComparison.Ordinal));

    /// <summary>
    /// True for sections whose bytes vmlinux no longer holds once it has booted: the boot-time-only sections, __exit
    /// code and data (built-in code never exits; x86 frees .exit.text with the init memory) and .head.text. Nothing
    /// in them can be read from the running kernel or referred to by an update.
    /// </summary>
    public static bool IsFreedAfterBoot(string name) =>
        IsBootTimeOnly(name) || name.StartsWith(".exit.", StringComparison.Ordinal)
        || name.StartsWith(".head.text", StringComparison.Ordinal);

    public static bool IsFreedAfterBoot(ElfSection section) => IsFreedAfterBoot(section.Name);

    /// <summary>
    /// Code the kernel itself never lets a probe or tracer patch, because it runs where a jump into other code cannot be
    /// taken safely: noinstr (entry, NMI and exception paths, before RCU watches), the entry and irq-entry text, the idle
    /// loop (kprobes' blacklist: within_kprobe_blacklist, objtool's noinstr checks).
    /// </summary>
    public static IReadOnlyList<string> UnpatchableCodeSections { get; } =
        [".noinstr.text", ".entry.text", ".irqentry.text", ".softirqentry.text", ".cpuidle.text", ".kprobes.text"];

    public static bool IsUnpatchableCode(string name) => UnpatchableCodeSections.Contains(name);
}
