using Ksplice.Source.Kbuild;

namespace Ksplice.Source.Affected;

/// <summary>
/// What a patch means in objects: those to build (with targets), refusals, notes (dropped files and objects), and
/// for each changed header how many objects it reaches.
/// </summary>
public sealed record AffectedObjectSet(
    IReadOnlyList<AffectedObject> Objects,
    IReadOnlyList<PatchRefusal> Refusals,
    IReadOnlyList<string> Notes,
    IReadOnlyList<HeaderImpact> Headers)
{
    /// <summary>True while some objects come from #include lines and have not been confirmed by a pre build.</summary>
    public bool NeedsConfirmation => Headers.Any(h => h.Confirmed is null) && Objects.Any(o => o.ViaInclude);

    /// <summary>The objects to build, tree-relative, sorted.</summary>
    public IReadOnlyList<string> ObjectPaths => Objects.Select(o => o.Object).ToList();

    /// <summary>The targets involved: vmlinux and module names.</summary>
    public IReadOnlyList<string> TargetNames => Objects.Select(o => o.Target.TargetName!).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Keeps an object that comes through an #include only when its recorded dependency list (from building it in the
    /// pre tree) names one of its causes; the rest are dropped with a note.
    /// </summary>
    public AffectedObjectSet Confirm(IReadOnlyDictionary<string, BuildCommand> preCommands)
    {
        var kept = new List<AffectedObject>();
        var notes = Notes.ToList();
        foreach (var o in Objects)
        {
            if (!o.ViaInclude) { kept.Add(o); continue; }
            if (!preCommands.TryGetValue(o.Object, out var cmd))
                throw new ArgumentException($"no pre build command for {o.Object}; build ObjectPaths in the pre tree first", nameof(preCommands));
            var causes = o.Causes.Where(cmd.DependsOn).ToList();
            if (causes.Count > 0) kept.Add(o with { Causes = causes });
            else notes.Add($"{o.Object}: dropped, its dependency list does not name {string.Join(", ", o.Causes)}");
        }
        var headers = Headers.Select(h => h with { Confirmed = kept.Count(o => o.ViaInclude && o.Causes.Contains(h.Header)) }).ToList();
        return new AffectedObjectSet(kept, Refusals, notes, headers);
    }
}
