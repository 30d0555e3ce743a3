using Ksplice.Apply.Kernel;

namespace Ksplice.Apply.Applying;

/// <summary>
/// For --dry-run: which tasks are inside the functions an update replaces right now, from /proc/PID/task/TID/stack
/// (the kernel's own unwinder). The core module's check under stop_machine is stricter (every stack word); this one
/// tells the user what would probably block the update.
/// </summary>
public static class LiveStackScan
{
    public static IReadOnlyList<StackConflict> Scan(IReadOnlySet<string> functions, string procRoot = "/proc")
    {
        var conflicts = new List<StackConflict>();
        foreach (var taskDir in Directory.EnumerateDirectories(procRoot).Where(d => int.TryParse(Path.GetFileName(d), out _))
                     .SelectMany(p => SafeEnumerate(Path.Combine(p, "task"))))
        {
            string stack;
            string comm;
            try
            {
                stack = File.ReadAllText(Path.Combine(taskDir, "stack"));
                comm = File.ReadAllText(Path.Combine(taskDir, "comm")).Trim();
            }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            var hits = stack.Split('\n').Select(FunctionOfFrame).Where(f => f is not null && functions.Contains(f)).Distinct().ToList();
            if (hits.Count > 0) conflicts.Add(new StackConflict(comm, int.Parse(Path.GetFileName(taskDir), System.Globalization.CultureInfo.InvariantCulture), hits!));
        }
        return conflicts;
    }

    /// <summary>"[&lt;0&gt;] do_sys_poll+0x3f2/0x5a0 [mod]" -> "do_sys_poll".</summary>
    public static string? FunctionOfFrame(string line)
    {
        var start = line.IndexOf("] ", StringComparison.Ordinal);
        if (start < 0) return null;
        var rest = line[(start + 2)..];
        var plus = rest.IndexOf('+');
        return plus > 0 ? rest[..plus] : null;
    }

    private static IEnumerable<string> SafeEnumerate(string dir)
    {
        try { return Directory.EnumerateDirectories(dir).ToList(); }
        catch (IOException) { return []; }
        catch (UnauthorizedAccessException) { return []; }
    }
}
