namespace Ksplice.Source.Kbuild;

/// <summary>
/// What kbuild recorded in a <c>.NAME.o.cmd</c> file: the full command that built the target, its source and
/// its dependency list (headers and sources, without the <c>$(wildcard include/config/...)</c> entries).
/// </summary>
public sealed record BuildCommand(string Target, string CommandLine, string? Source, IReadOnlyList<string> Dependencies)
{
    /// <summary>The compile command's words (the part before the first top-level <c>;</c>), shell quotes removed.</summary>
    public IReadOnlyList<string> CompileArguments { get; } = ShellWords.Split(ShellWords.FirstCommand(CommandLine));

    public string? Compiler => CompileArguments.FirstOrDefault();

    /// <summary>True for objects built into a module (<c>-DMODULE</c>).</summary>
    public bool IsModule => CompileArguments.Contains("-DMODULE");

    /// <summary>KBUILD_MODNAME, e.g. <c>xfs</c> or <c>printk</c>; null when not defined.</summary>
    public string? ModName => Define("KBUILD_MODNAME")?.Trim('"');

    /// <summary>The value of <c>-DNAME=value</c>, or null.</summary>
    public string? Define(string name)
    {
        var prefix = "-D" + name + "=";
        return CompileArguments.LastOrDefault(a => a.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
    }

    public bool DependsOn(string path) => Dependencies.Contains(path, StringComparer.Ordinal);
}
