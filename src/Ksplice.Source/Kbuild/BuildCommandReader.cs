namespace Ksplice.Source.Kbuild;

/// <summary>Reads kbuild's <c>.cmd</c> files (written by fixdep) into <see cref="BuildCommand"/>.</summary>
public static class BuildCommandReader
{
    /// <summary>The <c>.cmd</c> file kbuild writes for <paramref name="target"/>: <c>dir/.name.o.cmd</c>.</summary>
    public static string CmdFilePath(string tree, string target)
    {
        var dir = Path.GetDirectoryName(target) ?? "";
        return Path.Combine(tree, dir, "." + Path.GetFileName(target) + ".cmd");
    }

    public static BuildCommand Read(string tree, string target)
    {
        var path = CmdFilePath(tree, target);
        if (!File.Exists(path))
            throw new KspliceSourceException($"{path}: missing; build {target} in {tree} first.");
        return Parse(File.ReadAllText(path), target, path);
    }

    public static BuildCommand Parse(string text, string target, string fileName = ".cmd")
    {
        string? command = null, source = null;
        var deps = new List<string>();
        var lines = text.Replace("\\\n", "\u0001").Split('\n');
        foreach (var raw in lines)
        {
            var line = raw.Replace("\u0001", " ");
            if (TryValue(line, "cmd_", target, out var v) || TryValue(line, "savedcmd_", target, out v)) command = v;
            else if (TryValue(line, "source_", target, out v)) source = v;
            else if (TryValue(line, "deps_", target, out v)) deps.AddRange(DependencyPaths(v));
        }
        if (command is null)
            throw new KspliceSourceException($"{fileName}: no 'cmd_{target} :=' line; delete it and build {target} again.");
        return new BuildCommand(target, command, source, deps);
    }

    private static bool TryValue(string line, string prefix, string target, out string value)
    {
        var head = prefix + target + " :=";
        if (line.StartsWith(head, StringComparison.Ordinal)) { value = line[head.Length..].Trim(); return true; }
        value = "";
        return false;
    }

    private static IEnumerable<string> DependencyPaths(string list)
    {
        var words = list.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i].StartsWith("$(wildcard", StringComparison.Ordinal))
            {
                while (i < words.Length && !words[i].EndsWith(')')) i++;
                continue;
            }
            yield return words[i].StartsWith("./", StringComparison.Ordinal) ? words[i][2..] : words[i];
        }
    }
}
