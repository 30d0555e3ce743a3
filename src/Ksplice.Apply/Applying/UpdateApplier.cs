using System.Diagnostics;
using Ksplice.Apply.Kernel;
using Ksplice.Apply.Target;
using Ksplice.Elf.IO;
using Ksplice.Elf.Model;
using Ksplice.Elf.Modules;
using Ksplice.Match;
using Ksplice.Match.Symbols;
using Ksplice.Package;
using Ksplice.Package.Manifest;
using Ksplice.Package.Scratch;

namespace Ksplice.Apply.Applying;

/// <summary>
/// ksplice-apply: check the update was built for this kernel, that its module and manifest name the same placeholders
/// (<see cref="PlaceholderCheck"/>) and that its modules can be loaded (<see cref="LoadPreconditions"/>:
/// no signature enforcement, the installed core, its CRCs, no other core loaded), run-pre match it against the running
/// code, specialise the update module with what matching learnt, load the installed core and the update, ask the core to
/// apply it (stop_machine, stack check, trampolines) and report. On any failure everything this run loaded is unloaded
/// again. A dry run checks the same, loads nothing and reports what would refuse the real apply as blockers.
/// A real apply holds the store's lock throughout, records the update before it asks the core to apply it, and first
/// unloads what a killed run left of the same update (loaded but not applied); <paramref name="reached"/> hears each
/// <see cref="ProgressPoint"/> as it is passed.
/// </summary>
public sealed class UpdateApplier(ITargetKernel kernel, Action<string> log, Action<ProgressPoint>? reached = null)
{
    public ApplyReport Apply(ApplyRequest request)
    {
        var scratch = ScratchDirectory.Create("ksplice-apply-");
        try
        {
            var package = UpdatePackage.Open(request.Update, scratch);
            return Apply(request, package, scratch) with { Description = package.Description };
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private ApplyReport Apply(ApplyRequest request, UpdatePackage package, string scratch)
    {
        var manifest = package.Manifest;
        var id = manifest.Id;
        CheckKernel(manifest, kernel.Running);
        PlaceholderCheck.Check(request.Update, manifest, ReadModule(package));
        using var held = request.DryRun ? null : kernel.State.Lock(id);
        var sysfs = kernel.Update(id);
        var leftover = sysfs.Exists ? sysfs.Stage : (UpdateStage?)null;
        if (leftover == UpdateStage.Applied) throw new TargetRefusedException(new UpdateAlreadyLoaded(id, UpdateStage.Applied));
        var blockers = LoadPreconditions.Check(kernel, id, KernelModuleFile.ReadFile(package.ModulePath));
        if (blockers.Count > 0 && !request.DryRun) throw new TargetRefusedException(blockers[0]);
        var leftoverNotes = leftover is { } stage ? [Leftover(id, stage, request.DryRun)] : new List<string>();
        // Before the symbols are read: the leftover's copies of the functions would be candidates too.
        if (leftover is not null && !request.DryRun)
        {
            log(leftoverNotes[0]);
            kernel.UnloadModule($"ksplice_{id}");
            kernel.State.Forget(id);
        }

        log("Loading the kernel's symbols");
        var symbols = kernel.Symbols;

        var absent = manifest.Targets.Select(t => t.Name).Where(t => !symbols.IsLoaded(t)).ToHashSet(StringComparer.Ordinal);
        if (absent.Count > 0 && !request.Partial)
        {
            return new ApplyReport(ApplyOutcome.Aborted, id)
            {
                Blockers = blockers,
                Cause = AbortCause.TargetNotLoaded,
                Details = [$"the update changes module(s) that are not loaded: {string.Join(", ", absent.Order(StringComparer.Ordinal))}"],
            };
        }

        IReadOnlyDictionary<string, string> inertKeys = new Dictionary<string, string>();
        if (absent.Count > 0)
        {
            var module = ElfReader.ReadFile(package.ModulePath);
            var keys = AbsentTargetKeys.Find(module, manifest, absent);
            inertKeys = AbsentTargetKeys.InertBinding(module, keys)
                ?? throw new TargetRefusedException(new PartialUpdateNeedsTarget(id, keys.Select(k => k.Placeholder).Distinct().ToList()));
            foreach (var k in keys) log($"{k.Placeholder.Name} ({k.Placeholder.Target}, not loaded) in {k.Table}: bound to {inertKeys[k.Placeholder.Placeholder]}");
        }

        log($"Matching {manifest.Patches.Count} function(s) against the running kernel");
        var clock = Stopwatch.StartNew();
        var match = Match(package, absent);
        clock.Stop();
        if (!match.Succeeded)
        {
            return new ApplyReport(ApplyOutcome.Aborted, id)
            {
                Blockers = blockers,
                Cause = match.Failures[0].Kind.AbortCause(),
                Details = match.Failures.Select(f => f.Message).ToList(),
                Notes = leftoverNotes,
                Match = match,
                MatchTime = clock.Elapsed,
            };
        }

        var notes = leftoverNotes.Concat(FtraceUsers.Notes(match, symbols,
            match.Functions.Any(f => f.FentryCallTarget is not null) ? kernel.FtraceEnabledFunctions() : "")).ToList();
        if (request.DryRun)
        {
            var busy = kernel.ScanStacks(manifest.Patches.Where(p => !absent.Contains(p.Target)).Select(p => p.Name).ToHashSet(StringComparer.Ordinal));
            return new ApplyReport(ApplyOutcome.WouldApply, id) { Blockers = blockers, Conflicts = busy, Match = match, MatchTime = clock.Elapsed, Notes = notes };
        }

        var specialised = Path.Combine(scratch, PackageLayout.ModuleFile(id));
        File.WriteAllBytes(specialised, Specialise(package, match, absent, inertKeys));

        var loadedCore = kernel.EnsureCoreLoaded() == CoreModuleState.Loaded;
        if (loadedCore) log($"Loaded ksplice_core from {kernel.InstalledCorePath}");
        reached?.Invoke(ProgressPoint.CoreLoaded);
        try
        {
            kernel.LoadModule(specialised);
        }
        catch
        {
            if (loadedCore) TryUnload(CoreModule.Name);
            throw;
        }
        reached?.Invoke(ProgressPoint.UpdateLoaded);

        AfterLoad(id, loadedCore, sysfs, () => kernel.State.Save(package,
            match.Functions.Select(f => new AppliedFunction(f.Symbol, f.Target, f.Address, f.TrampolineOffset)).ToList()));
        reached?.Invoke(ProgressPoint.Recorded);
        log("Applying the update (stop_machine)");
        var result = AfterLoad(id, loadedCore, sysfs, sysfs.Apply);
        if (result.Reached(UpdateStage.Applied))
            return new ApplyReport(ApplyOutcome.Applied, id) { Debug = result.Debug, Match = match, MatchTime = clock.Elapsed, Notes = notes };
        Unload(id, loadedCore);
        return new ApplyReport(ApplyOutcome.Aborted, id)
        {
            Cause = result.Failure,
            Details = result.FailureDetails,
            Conflicts = result.Conflicts,
            Debug = result.Debug,
            Match = match,
            MatchTime = clock.Elapsed,
            Notes = notes,
        };
    }

    public static void CheckKernel(UpdateManifest manifest, RunningKernel running)
    {
        if (manifest.Kernel.Release != running.Release)
            throw new TargetRefusedException(new BuiltForAnotherRelease(manifest.Id, manifest.Kernel.Release, running.Release));
        if (manifest.Kernel.Version.Length > 0 && manifest.Kernel.Version != running.Version)
            throw new TargetRefusedException(new BuiltForAnotherBuild(manifest.Id, manifest.Kernel.Release, manifest.Kernel.Version, running.Version));
    }

    private MatchResult Match(UpdatePackage package, IReadOnlySet<string> absent)
    {
        var manifest = package.Manifest;
        var objects = manifest.Targets.Where(t => !absent.Contains(t.Name))
            .SelectMany(t => t.Objects.Select(o => new PreObject(o, t.Name, ElfReader.ReadFile(package.PreObjectPath(o))))).ToList();
        var functions = manifest.Patches.Where(p => !absent.Contains(p.Target))
            .Select(p => new FunctionRequest(p.Object, p.Name, p.PreSection)).ToList();
        var wanted = manifest.Symbols.Where(s => !absent.Contains(s.Target))
            .Select(s => new SymbolRequest(s.Placeholder, s.Name, s.Object.Length > 0 ? s.Object : ObjectOfTarget(manifest, s.Target))).ToList();
        return new RunPreMatcher(kernel.Symbols, kernel.Memory).Match(new MatchRequest(objects, functions, wanted));
    }

    /// <summary>Globals referenced from code are looked up in their target; any object of it will do as the "view".</summary>
    private static string ObjectOfTarget(UpdateManifest manifest, string target) =>
        manifest.Targets.First(t => t.Name == target).Objects[0];

    private static byte[] Specialise(UpdatePackage package, MatchResult match, IReadOnlySet<string> absent, IReadOnlyDictionary<string, string> inertKeys)
    {
        var manifest = package.Manifest;
        var values = manifest.Symbols.ToDictionary(s => s.Placeholder,
            s => absent.Contains(s.Target) ? 0UL : match.Symbol(s.Placeholder)?.Value
                ?? throw new MatchInconsistentException(s.Placeholder, $"the matcher gave no value for {s.Placeholder} ({s.Name})"));
        var expected = new Dictionary<string, byte[]>();
        foreach (var p in manifest.Patches)
        {
            if (absent.Contains(p.Target)) continue;
            var f = match.Function(p.Object, p.Name) ?? throw new MatchInconsistentException(p.Name, $"the matcher did not report {p.Name}");
            TrampolineOffsets.Check(p.Name, p.TrampolineOffset, f.TrampolineOffset);
            if ((ulong)f.RunningBytes.Length > p.PreSize || f.RunningBytes.Length < p.TrampolineOffset + Trampoline.Size)
                throw new MatchInconsistentException(p.Name, $"the matcher compared {f.RunningBytes.Length} bytes of {p.Name}; the update has room for {p.PreSize} and needs {p.TrampolineOffset + Trampoline.Size}");
            values[p.SizeSymbol] = (ulong)f.RunningBytes.Length;
            if (values[p.Old] != f.Address)
                throw new MatchInconsistentException(p.Name, $"the matcher placed it at 0x{f.Address:x} but resolved its placeholder to 0x{values[p.Old]:x}");
            expected[p.ExpectSymbol] = f.RunningBytes;
        }
        foreach (var placeholder in inertKeys.Keys) values.Remove(placeholder);
        return ModuleSpecializer.Specialise(File.ReadAllBytes(package.ModulePath), package.ModulePath, values, expected, inertKeys);
    }

    /// <summary>The update module as built, without the signature specialisation drops.</summary>
    private static ElfObject ReadModule(UpdatePackage package) =>
        ElfReader.Read(ModuleSignature.Strip(File.ReadAllBytes(package.ModulePath), package.ModulePath).ToArray(), package.ModulePath);

    /// <summary>
    /// A step once the update module is loaded: whatever it throws, the module, its record and the core this run loaded
    /// are unloaded first, unless the stage says the update may be applied. (A <see cref="ProgressPoint"/> is reported
    /// outside these steps: a killed run cleans up nothing.)
    /// </summary>
    private void AfterLoad(string id, bool core, IUpdateSysfs sysfs, Action step) =>
        AfterLoad(id, core, sysfs, () =>
        {
            step();
            return true;
        });

    private T AfterLoad<T>(string id, bool core, IUpdateSysfs sysfs, Func<T> step)
    {
        try
        {
            return step();
        }
        catch
        {
            if (!MayBeApplied(sysfs)) Unload(id, core);
            throw;
        }
    }

    /// <summary>What a killed apply or undo left of the update: loaded in <paramref name="stage"/> (never applied).</summary>
    private static string Leftover(string id, UpdateStage stage, bool dryRun) =>
        $"update {id} was loaded but not applied (stage {stage.WireName()}), left by a ksplice-apply or ksplice-undo that did not finish; " +
        (dryRun ? "the real apply unloads it first" : "unloaded it and its record first");

    /// <summary>Whether the stage write may have applied the update though reading its outcome failed: then it and its record stay.</summary>
    private static bool MayBeApplied(IUpdateSysfs sysfs)
    {
        try
        {
            return sysfs.Exists && sysfs.Stage == UpdateStage.Applied;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>After a failed apply: the update module, its record, and the core when this run loaded it.</summary>
    private void Unload(string id, bool core)
    {
        TryUnload($"ksplice_{id}");
        kernel.State.Forget(id);
        if (core) TryUnload(CoreModule.Name);
    }

    private void TryUnload(string module)
    {
        try
        {
            kernel.UnloadModule(module);
        }
        catch (KernelModuleException e)
        {
            log($"warning: could not unload {module}: {e.Message}");
        }
    }
}
