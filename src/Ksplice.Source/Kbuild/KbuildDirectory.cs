namespace Ksplice.Source.Kbuild;

/// <summary>
/// The kbuild lists of one directory for the tree's configuration, as its Kbuild/Makefile leaves them
/// (before scripts/Makefile.lib): entries relative to <see cref="Dir"/>, subdirectories ending in <c>/</c>.
/// </summary>
public sealed record KbuildDirectory(
    string Dir,
    IReadOnlyList<string> ObjY,
    IReadOnlyList<string> ObjM,
    IReadOnlyList<string> LibY,
    IReadOnlyDictionary<string, CompositeParts> Parts)
{
    public static KbuildDirectory Empty(string dir) => new(dir, [], [], [], new Dictionary<string, CompositeParts>());

    /// <summary>Subdirectories descended into for built-in code (<c>obj-y += foo/</c>).</summary>
    public IEnumerable<string> BuiltinSubdirs => ObjY.Where(e => e.EndsWith('/')).Select(e => e.TrimEnd('/'));

    /// <summary>Subdirectories descended into for modules only (<c>obj-m += foo/</c>, not also in obj-y).</summary>
    public IEnumerable<string> ModularSubdirs => ObjM.Where(e => e.EndsWith('/')).Select(e => e.TrimEnd('/')).Except(BuiltinSubdirs);

    /// <summary>Modules listed here: <c>obj-m</c> objects that are not also in <c>obj-y</c> (Makefile.lib filters them).</summary>
    public IEnumerable<string> Modules => ObjM.Where(e => e.EndsWith(".o", StringComparison.Ordinal)).Except(ObjY);

    public IEnumerable<string> BuiltinObjects => ObjY.Where(e => e.EndsWith(".o", StringComparison.Ordinal));

    public CompositeParts? PartsOf(string entry) => Parts.TryGetValue(entry, out var p) && !p.IsEmpty ? p : null;
}
