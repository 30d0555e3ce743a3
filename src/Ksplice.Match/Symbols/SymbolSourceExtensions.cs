namespace Ksplice.Match.Symbols;

public static class SymbolSourceExtensions
{
    /// <summary>The entries with this name in one target ("vmlinux" or a module).</summary>
    public static IReadOnlyList<KernelSymbol> Lookup(this ISymbolSource source, string name, string target)
    {
        var normalized = Targets.Normalize(target);
        return source.Lookup(name).Where(s => s.Target == normalized).ToList();
    }

    /// <summary>True when the target is vmlinux or a loaded module.</summary>
    public static bool IsLoaded(this ISymbolSource source, string target) =>
        Targets.IsVmlinux(target) || source.Modules.Contains(Targets.Normalize(target));
}
