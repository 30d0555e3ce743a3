using Ksplice.Source.Kbuild;
using Ksplice.Source.Patches;

namespace Ksplice.Source.Affected;

/// <summary>
/// Maps a patch's touched files to the objects to rebuild. A changed .c/.S gives its own object; a changed header
/// (or a .c that is not itself an object, such as one #included by another) gives every object whose sources include
/// it, found from #include lines and filtered by kbuild membership, to be confirmed by the pre build's dependency
/// lists (<see cref="AffectedObjectSet.Confirm"/>). Objects the configuration does not build are dropped with a note;
/// build files, linker scripts, deletions and unknown files are refusals; documentation and host tools produce nothing.
/// </summary>
public sealed class AffectedObjectsFinder(KbuildMembership membership, Func<IncludeIndex> includeIndex)
{
    private IncludeIndex? _index;

    private IncludeIndex Index => _index ??= includeIndex();

    public AffectedObjectSet Find(SourcePatch patch)
    {
        var refusals = new List<PatchRefusal>();
        var notes = new List<string>();
        var headers = new List<HeaderImpact>();
        var objects = new Dictionary<string, AffectedObject>(StringComparer.Ordinal);

        foreach (var file in patch.Files)
        {
            var kind = PatchFileRules.Classify(file.Path);
            switch (kind)
            {
                case PatchFileKind.BuildFile:
                    refusals.Add(new PatchRefusal(file.Path, "changes the kernel's build configuration (Makefile/Kbuild/Kconfig), which cannot be applied to a running kernel"));
                    continue;
                case PatchFileKind.LinkerScript:
                    refusals.Add(new PatchRefusal(file.Path, "changes a linker script (the kernel's layout), which cannot be applied to a running kernel"));
                    continue;
                case PatchFileKind.Unknown:
                    refusals.Add(new PatchRefusal(file.Path, "is neither C, assembly nor a header; ksplice does not know how a change to it reaches the running kernel"));
                    continue;
                case PatchFileKind.Documentation:
                    notes.Add($"{file.Path}: documentation, no objects");
                    continue;
                case PatchFileKind.HostTool:
                    notes.Add($"{file.Path}: a host tool, not part of the running kernel; ignored");
                    continue;
            }
            if (file.Change == FileChangeKind.Deleted)
            {
                refusals.Add(new PatchRefusal(file.Path, "is deleted; removing code from a running kernel is not supported"));
                continue;
            }
            if (kind == PatchFileKind.Header && Index.IncludeClosure(file.Path).FirstOrDefault(IncludePaths.ForcedIncludes.Contains) is { } forced)
            {
                refusals.Add(new PatchRefusal(file.Path, $"reaches every object (through {forced}, which kbuild passes with -include), so the whole kernel would change"));
                continue;
            }

            if (kind == PatchFileKind.Source && file.Change == FileChangeKind.Modified)
            {
                var obj = Path.ChangeExtension(file.Path, ".o");
                var target = membership.Of(obj);
                if (target.IsBuilt)
                {
                    Add(objects, obj, target, file.Path, viaInclude: false);
                    continue;
                }
                // Not an object of its own: it may be #included by other sources.
                if (Index.SourcesIncluding(file.Path).Count == 0)
                {
                    notes.Add($"{file.Path}: dropped, {obj} is not built by this configuration ({target.Reason})");
                    continue;
                }
            }
            else if (file.Change == FileChangeKind.Created && kind == PatchFileKind.Source)
            {
                notes.Add($"{file.Path}: new source file; no kbuild Makefile builds it, so it produces no object");
                continue;
            }
            headers.Add(AddIncluders(objects, file.Path, notes));
        }

        var list = objects.Values.OrderBy(o => o.Object, StringComparer.Ordinal).ToList();
        return new AffectedObjectSet(list, refusals, notes, headers);
    }

    private HeaderImpact AddIncluders(Dictionary<string, AffectedObject> objects, string header, List<string> notes)
    {
        var sources = Index.SourcesIncluding(header).Order(StringComparer.Ordinal).ToList();
        var candidates = sources.Select(s => Path.ChangeExtension(s, ".o")).ToList();
        var targets = membership.Of(candidates);
        var built = 0;
        foreach (var obj in candidates)
        {
            var target = targets[obj];
            if (!target.IsBuilt) continue;
            built++;
            Add(objects, obj, target, header, viaInclude: true);
        }
        if (built < candidates.Count)
            notes.Add($"{header}: {candidates.Count - built} of {candidates.Count} including object(s) are not built by this configuration");
        return new HeaderImpact(header, candidates.Count, built, null);
    }

    private static void Add(Dictionary<string, AffectedObject> objects, string obj, ObjectTarget target, string cause, bool viaInclude)
    {
        if (objects.TryGetValue(obj, out var existing))
            objects[obj] = existing with
            {
                Causes = existing.Causes.Append(cause).Distinct().ToList(),
                ViaInclude = existing.ViaInclude && viaInclude,
            };
        else
            objects[obj] = new AffectedObject(obj, target, [cause], viaInclude);
    }
}
