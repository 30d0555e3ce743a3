using Ksplice.Apply.Kernel;
using Ksplice.Apply.Target;
using Ksplice.Elf.Modules;

namespace Ksplice.Apply.Applying;

/// <summary>
/// What must hold before apply loads anything, most fundamental first: the kernel does not enforce module signatures
/// (apply hands it modules no trusted key signed); a core is installed for the running release; it exports the
/// ksplice_* symbols with the CRCs the update module was built against; and a core that is loaded already is that
/// installed file. Each failure is a <see cref="TargetRefusal"/>; none is an empty list.
/// </summary>
public static class LoadPreconditions
{
    /// <summary>The prefix of the core's exported interface (ksplice_register, ksplice_unregister, ...).</summary>
    public const string CoreSymbolPrefix = "ksplice_";

    public static IReadOnlyList<TargetRefusal> Check(ITargetKernel kernel, string id, KernelModuleFile update)
    {
        var refusals = new List<TargetRefusal>();
        var policy = kernel.SignaturePolicy();
        if (policy.Enforced) refusals.Add(new SignaturesEnforced(id, policy, update.Signature is not null, update.Signature?.Signer));

        var path = kernel.InstalledCorePath;
        if (!File.Exists(path))
        {
            refusals.Add(new NoInstalledCore(id, kernel.Running.Release, path));
            return refusals;
        }
        var core = KernelModuleFile.ReadFile(path);
        var mismatches = CoreSymbols(update).Select(s => Compare(s.Name, s.Crc, core)).OfType<CoreSymbolMismatch>().ToList();
        if (mismatches.Count > 0) refusals.Add(new InstalledCoreMismatch(id, path, mismatches));

        if (kernel.LoadedModules().Any(m => m.Name == CoreModule.Name))
        {
            var loaded = kernel.LoadedCoreSourceVersion();
            if (loaded is null || core.SourceVersion is null || loaded != core.SourceVersion)
                refusals.Add(new LoadedCoreNotInstalled(id, path, loaded, core.SourceVersion));
        }
        return refusals;
    }

    /// <summary>The core symbols the update module imports: its undefined ksplice_* symbols and its ksplice_* __versions entries.</summary>
    private static IEnumerable<(string Name, uint? Crc)> CoreSymbols(KernelModuleFile update)
    {
        var crcs = update.ImportedCrcs.Where(v => v.Name.StartsWith(CoreSymbolPrefix, StringComparison.Ordinal))
            .GroupBy(v => v.Name).ToDictionary(g => g.Key, g => g.First().Crc, StringComparer.Ordinal);
        return update.UndefinedSymbols.Where(n => n.StartsWith(CoreSymbolPrefix, StringComparison.Ordinal)).Concat(crcs.Keys)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(name => (name, crcs.TryGetValue(name, out var crc) ? crc : (uint?)null));
    }

    private static CoreSymbolMismatch? Compare(string name, uint? wanted, KernelModuleFile core)
    {
        if (!core.Exports.TryGetValue(name, out var installed)) return new CoreSymbolMismatch(name, wanted, false, null);
        return wanted is not null && installed != wanted ? new CoreSymbolMismatch(name, wanted, true, installed) : null;
    }
}
