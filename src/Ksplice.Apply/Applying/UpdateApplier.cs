using System.Diagnostics;
using Ksplice.Apply.Kernel;
using Ksplice.Apply.Target;
using Ksplice.Elf.IO;
using Ksplice.Match;
using Ksplice.Match.Symbols;
using Ksplice.Package;
using Ksplice.Package.Manifest;

namespace Ksplice.Apply.Applying;

/// <summary>
/// ksplice-apply: check the update was built for this kernel, run-pre match it against the running code, specialise the
/// update module with what matching learnt, load the core and the update, ask the core to apply it (stop_machine, stack
/// check, trampolines) and report. On any failure everything this run loaded is unloaded again.
/// </summary>
public sealed class UpdateApplier(ITargetKernel kernel, Action<string> log)
{
    public ApplyReport Apply(ApplyRequest request)
    {
        var scratch = Directory.CreateTempSubdirectory("ksplice-apply-").FullName;
        try
        {
            return Apply(request, UpdatePackage.Open(request.Update, scratch), scratch);
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
        var sysfs = kernel.Update(id);
        if (sysfs.Exists) throw new TargetRefusedException(new UpdateAlreadyLoaded(id, sysfs.Stage));

        log("Loading the kernel's symbols");
        var symbols = kernel.Symbols;

        var absent = manifest.Targets.Select(t => t.Name).Where(t => !symbols.IsLoaded(t)).ToHashSet(StringComparer.Ordinal);
        if (absent.Count > 0 && !request.Partial)
        {
            return new ApplyReport(ApplyOutcome.Aborted, id)
            {
                Cause = AbortCause.TargetNotLoaded,
                Details = [$"the update changes module(s) that are not loaded: {string.Join(", ", absent.Order(StringComparer.Ordinal))}"],
            };
        }

        log($"Matching {manifest.Patches.Count} function(s) against the running kernel");
        var clock = Stopwatch.StartNew();
        var match = Match(package, absent);
        clock.Stop();
        if (!match.Succeeded)
        {
            return new ApplyReport(ApplyOutcome.Aborted, id)
            {
                Cause = match.Failures[0].Kind.AbortCause(),
                Details = match.Failures.Select(f => f.Message).ToList(),
                Match = match,
                MatchTime = clock.Elapsed,
            };
        }

        if (request.DryRun)
        {
            var busy = kernel.ScanStacks(manifest.Patches.Where(p => !absent.Contains(p.Target)).Select(p => p.Name).ToHashSet(StringComparer.Ordinal));
            return new ApplyReport(ApplyOutcome.WouldApply, id) { Conflicts = busy, Match = match, MatchTime = clock.Elapsed };
        }

        var specialised = Path.Combine(scratch, PackageLayout.ModuleFile(id));
        File.WriteAllBytes(specialised, Specialise(package, match, absent));

        var loadedCore = kernel.EnsureCoreLoaded(package.CoreModulePath) == CoreModuleState.Loaded;
        if (loadedCore) log("Loaded ksplice_core");
        try
        {
            kernel.LoadModule(specialised);
        }
        catch (KernelModuleException)
        {
            if (loadedCore) TryUnload(CoreModule.Name);
            throw;
        }

        log("Applying the update (stop_machine)");
        var result = sysfs.Apply();
        if (result.Reached(UpdateStage.Applied))
        {
            kernel.State.Save(package,
                match.Functions.Select(f => new AppliedFunction(f.Symbol, f.Target, f.Address, f.TrampolineOffset)).ToList());
            return new ApplyReport(ApplyOutcome.Applied, id) { Debug = result.Debug, Match = match, MatchTime = clock.Elapsed };
        }
        TryUnload($"ksplice_{id}");
        if (loadedCore) TryUnload(CoreModule.Name);
        return new ApplyReport(ApplyOutcome.Aborted, id)
        {
            Cause = result.AbortCause == AbortCause.Ok ? AbortCause.Unexpected : result.AbortCause,
            Conflicts = result.Conflicts,
            Debug = result.Debug,
            Match = match,
            MatchTime = clock.Elapsed,
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

    private static byte[] Specialise(UpdatePackage package, MatchResult match, IReadOnlySet<string> absent)
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
        return ModuleSpecializer.Specialise(File.ReadAllBytes(package.ModulePath), package.ModulePath, values, expected);
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
