using Ksplice.Apply.Kernel;
using Ksplice.Match;
using Ksplice.Match.Symbols;

namespace Ksplice.Apply.Applying;

/// <summary>
/// Who traces a function the update replaces, when its running fentry site is a call rather than ftrace's NOP: the
/// symbol the call goes to (kallsyms) and the function's line of ftrace's enabled_functions, which names each
/// ftrace_ops callback (klp_ftrace_handler: a livepatch) and flags an IP-modifying one with " I". A note for the user,
/// not a decision: the core refuses an update whose function another IPMODIFY user holds (ftrace_conflict).
/// </summary>
public static class FtraceUsers
{
    public static IReadOnlyList<string> Notes(MatchResult match, ISymbolSource symbols, string enabledFunctions)
    {
        var notes = new List<string>();
        foreach (var f in match.Functions)
        {
            if (f.FentryCallTarget is not { } target) continue;
            var callee = symbols is Kallsyms k && k.TryFindContaining(target, out var s, out var off)
                ? $"{s.Name}+0x{off:x}{(s.Module is null ? "" : $" [{s.Module}]")}"
                : $"0x{target:x}";
            var line = EnabledLine(enabledFunctions, f.Symbol, f.Target);
            notes.Add($"{f.Symbol} is traced through ftrace right now: its fentry site calls {callee}" +
                (line is null ? "" : $"; enabled_functions: {line}") + Meaning(line));
        }
        return notes;
    }

    private static string Meaning(string? line) => line switch
    {
        null => "",
        _ when line.Contains($"[{CoreModule.Name}]", StringComparison.Ordinal) =>
            " (the reservation of an applied ksplice update of this function: this update goes on top of it)",
        _ when IsRedirected(line) =>
            " (flag I: a livepatch, kpatch or other ftrace user redirects it; the kernel refuses the update with ftrace_conflict)",
        _ => "",
    };

    /// <summary>The function's line of enabled_functions ("name (count) R I D\ttramp: ..."), tabs as spaces.</summary>
    public static string? EnabledLine(string enabledFunctions, string function, string target)
    {
        var prefix = target == Targets.Vmlinux ? $"{function} " : $"{function} [{target}] ";
        return enabledFunctions.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?.Replace('\t', ' ').Trim();
    }

    /// <summary>Whether the line's flags (after the count) include I, IPMODIFY.</summary>
    public static bool IsRedirected(string line)
    {
        var count = line.IndexOf(") ", StringComparison.Ordinal);
        if (count < 0) return false;
        var tramp = line.IndexOf("tramp:", count, StringComparison.Ordinal);
        var flags = tramp < 0 ? line[(count + 1)..] : line[(count + 1)..tramp];
        return flags.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3).Contains("I");
    }
}
