using Ksplice.Elf.Arch;
using Ksplice.Elf.Model;
using Ksplice.Elf.Special;
using Ksplice.Package.Manifest;

namespace Ksplice.Update.Building;

/// <summary>
/// The places where update.o hands out the address of one of its own functions instead of calling it: a function
/// pointer loaded in code (<c>timer_setup(&amp;t, fn, 0)</c>, <c>INIT_WORK</c>, <c>call_rcu</c>, a callback registered
/// anywhere) or stored in data (an ops table). The running kernel may still hold such an address after an undo, when
/// the jumps are gone, so the core keeps the update's code in memory after a reverse (KSPLICE_UPDATE_KEEP_CODE).
/// Direct calls and jumps, addresses inside a function (<c>_THIS_IP_</c>) and the tables the module loader registers
/// and unregisters with the module itself (special sections, hooks) hand nothing out.
/// </summary>
public static class CodeAddressEscapes
{
    /// <summary>Sections of update.o whose references to its code stay inside the module's own bookkeeping.</summary>
    private static readonly string[] OwnedPrefixes =
    [
        ".ksplice",            // hook slots and expected bytes: read by the core while the module is loaded
        "__tracepoints",       // tracepoints the update defines: unregistered when the module goes
        "_ftrace_events", "_ftrace_eval_map", "__bpf_raw_tp_map",
        "__param", "__ksymtab", "__kcrctab", ".discard", ".altinstr_replacement",
    ];

    public static IReadOnlyList<EscapeEntry> Find(ElfObject update)
    {
        var functions = update.Symbols
            .Where(s => s.Type == ElfSymbolType.Function && s.Section is { IsExecutable: true } && !IsKspliceAlias(s.Name))
            .GroupBy(s => (s.Section!, s.Value))
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.IsLocal).First().Name);
        var escapes = new List<EscapeEntry>();
        foreach (var section in update.Sections.Where(s => s.IsAlloc && !IsOwned(s.Name)))
        {
            foreach (var r in section.Relocations)
            {
                if (r.Symbol.Section is not { IsExecutable: true } target) continue;
                var insn = update.Instructions.InstructionAt(section, r.Offset);
                if (insn is { IsBranch: true } branch && r.Offset == (ulong)(branch.Offset + branch.ImmediateOffset)) continue;
                var place = ReferencedPlace.Of(r, insn);
                if (place < 0 || !functions.TryGetValue((target, (ulong)place), out var function)) continue;
                var from = section.IsExecutable
                    ? $"code of {FunctionContaining(update, section, r.Offset) ?? section.Name}"
                    : $"data {DataContaining(update, section, r.Offset) ?? section.Name}";
                escapes.Add(new EscapeEntry(function, from));
            }
        }
        return escapes.Distinct().ToList();
    }

    private static bool IsOwned(string section) =>
        SpecialSections.IsSpecial(section) || OwnedPrefixes.Any(p => section.StartsWith(p, StringComparison.Ordinal));

    /// <summary>The builder's own names for the new functions (__ksplice_new_N): the function's name is the one to show.</summary>
    private static bool IsKspliceAlias(string name) => name.StartsWith("__ksplice_", StringComparison.Ordinal);

    private static string? FunctionContaining(ElfObject obj, ElfSection section, ulong offset) =>
        obj.Symbols.Where(s => s.Section == section && s.Type == ElfSymbolType.Function && !IsKspliceAlias(s.Name)
                && s.Value <= offset && offset < s.Value + Math.Max(s.Size, 1))
            .Select(s => s.Name).FirstOrDefault();

    private static string? DataContaining(ElfObject obj, ElfSection section, ulong offset) =>
        obj.Symbols.Where(s => s.Section == section && s.Type == ElfSymbolType.Object && s.Value <= offset && offset < s.Value + Math.Max(s.Size, 1))
            .Select(s => s.Name).FirstOrDefault();
}
