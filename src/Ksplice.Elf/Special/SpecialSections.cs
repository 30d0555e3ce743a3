namespace Ksplice.Elf.Special;

/// <summary>
/// The table of special sections in x86-64 objects of Linux 6.1: entry layout, which fields are relocated and to what,
/// and how the kernel rewrites the code at each site. Layouts come from the kernel's own definitions
/// (struct alt_instr, jump_entry, static_call_site, exception_table_entry, bug_entry, paravirt_patch_site, orc).
/// Alternatives, paravirt, retpoline and return-thunk sites are rewritten once, at boot or module load; jump labels,
/// static calls, lock prefixes and ftrace's calls also later (<see cref="SpecialSectionKind.RewrittenWhileRunningBy"/>).
/// </summary>
public static class SpecialSections
{
    public static IReadOnlyList<SpecialSectionKind> All { get; } =
    [
        new("__mcount_loc", 8, [new(0, 8, FieldRole.Site)], SitePatchKind.FentryCall,
            "address of each `call __fentry__` (ftrace)")
        {
            RewrittenWhileRunningBy = "ftrace (tracing or a kprobe turns it into a call)",
        },
        new(".return_sites", 4, [new(0, 4, FieldRole.Site)], SitePatchKind.ReturnThunk,
            "each `jmp __x86_return_thunk` (objtool --rethunk)"),
        new(".retpoline_sites", 4, [new(0, 4, FieldRole.Site)], SitePatchKind.RetpolineThunk,
            "each call/jmp through __x86_indirect_thunk_* (objtool --retpoline)"),
        new(".static_call_sites", 8, [new(0, 4, FieldRole.Site), new(4, 4, FieldRole.Key, FlagMask: 3)], SitePatchKind.StaticCall,
            "struct static_call_site { s32 addr; s32 key; } (key low bits: TAIL=1, INIT=2)")
        {
            RewrittenWhileRunningBy = "static_call_update (retargeting the static call)",
        },
        new(".parainstructions", 16, [new(0, 8, FieldRole.Site)], SitePatchKind.Paravirt,
            "struct paravirt_patch_site { u8 *instr; u8 type; u8 len; }")
        {
            LastEntryMayBeShort = true,
            ByteFields = new Dictionary<string, int> { ["type"] = 8, ["len"] = 9 },
        },
        new(".altinstructions", 12, [new(0, 4, FieldRole.Site), new(4, 4, FieldRole.Target)], SitePatchKind.Alternative,
            "struct alt_instr { s32 instr_offset; s32 repl_offset; u16 cpuid; u8 instrlen; u8 replacementlen; }")
        {
            ByteFields = new Dictionary<string, int> { ["cpuid"] = 8, ["instrlen"] = 10, ["replacementlen"] = 11 },
        },
        new(".smp_locks", 4, [new(0, 4, FieldRole.Site)], SitePatchKind.LockPrefix,
            "each lock prefix (s32 relative)")
        {
            RewrittenWhileRunningBy = "the SMP alternatives (a lock prefix switched when CPUs come up on a kernel booted uniprocessor)",
        },
        new("__jump_table", 16, [new(0, 4, FieldRole.Site), new(4, 4, FieldRole.Target), new(8, 8, FieldRole.Key, FlagMask: 3)],
            SitePatchKind.JumpLabel, "struct jump_entry { s32 code; s32 target; long key; } (key low bits: branch, init)")
        {
            RewrittenWhileRunningBy = "static keys (a static branch or tracepoint switched: trace events, perf, bpftrace)",
        },
        new("__bug_table", 12, [new(0, 4, FieldRole.Site), new(4, 4, FieldRole.Data)], SitePatchKind.None,
            "struct bug_entry { s32 bug_addr_disp; s32 file_disp; u16 line; u16 flags; }")
        {
            ByteFields = new Dictionary<string, int> { ["line"] = 8, ["flags"] = 10 },
        },
        new("__ex_table", 12, [new(0, 4, FieldRole.Site), new(4, 4, FieldRole.Target)], SitePatchKind.None,
            "struct exception_table_entry { int insn, fixup, data; }"),
        new(".printk_index", 8, [new(0, 8, FieldRole.Data)], SitePatchKind.None,
            "pointers to struct pi_entry (debugfs printk index; not tied to a code site)"),
        new(".orc_unwind_ip", 4, [new(0, 4, FieldRole.Site)], SitePatchKind.None,
            "ORC: s32 relative address of each unwind entry; .orc_unwind holds the matching 6-byte struct orc_entry")
        {
            ParallelSection = ".orc_unwind",
            ParallelEntrySize = 6,
        },
    ];

    private static readonly Dictionary<string, SpecialSectionKind> ByName = All.ToDictionary(k => k.Name);

    /// <summary>Sections that only make sense next to another one in the table (.orc_unwind follows .orc_unwind_ip).</summary>
    public static IReadOnlySet<string> ParallelSections { get; } = All.Where(k => k.ParallelSection is not null).Select(k => k.ParallelSection!).ToHashSet();

    public static SpecialSectionKind? Find(string sectionName) => ByName.GetValueOrDefault(sectionName);

    public static bool IsSpecial(string sectionName) => ByName.ContainsKey(sectionName) || ParallelSections.Contains(sectionName);
}
