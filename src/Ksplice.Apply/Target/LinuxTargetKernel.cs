using Ksplice.Apply.Applying;
using Ksplice.Apply.Installed;
using Ksplice.Apply.Kernel;
using Ksplice.Match.Memory;
using Ksplice.Match.Symbols;
using Ksplice.Package;

namespace Ksplice.Apply.Target;

/// <summary>
/// The kernel this process runs on: /proc/sys/kernel, /proc/kallsyms, /proc/kcore, /proc/modules, finit_module and
/// delete_module, /sys/kernel/ksplice, /sys/module and /sys/kernel/security, /lib/modules/RELEASE, /var/lib/ksplice
/// (with the installed updates in its updates/) and /etc/ksplice/disable (tests point the roots elsewhere). Symbols and memory are read on first use; disposing closes
/// /proc/kcore.
/// </summary>
public sealed class LinuxTargetKernel : ITargetKernel, IDisposable
{
    private readonly string _procRoot;
    private readonly string _sysfsRoot;
    private readonly string _sysRoot;
    private readonly string _modulesRoot;
    private readonly Ksplice.Package.InstalledUpdates _installed;
    private readonly string _disableFile;
    private readonly Lazy<RunningKernel> _running;
    private readonly Lazy<Kallsyms> _kallsyms;
    private readonly Lazy<ElfImageMemory> _memory;

    public LinuxTargetKernel(string procRoot = "/proc", string sysfsRoot = SysfsUpdate.DefaultRoot,
        string stateRoot = AppliedUpdateStore.DefaultRoot, string sysRoot = "/sys", string modulesRoot = InstalledCore.DefaultModulesRoot,
        string updatesRoot = Ksplice.Package.InstalledUpdates.DefaultRoot, string disableFile = KspliceSwitch.DisableFile)
    {
        _installed = new Ksplice.Package.InstalledUpdates(updatesRoot);
        _disableFile = disableFile;
        _procRoot = procRoot;
        _sysfsRoot = sysfsRoot;
        _sysRoot = sysRoot;
        _modulesRoot = modulesRoot;
        State = new AppliedUpdateStore(stateRoot);
        _running = new Lazy<RunningKernel>(() => RunningKernel.Read(procRoot));
        _kallsyms = new Lazy<Kallsyms>(() =>
        {
            var kallsyms = Kallsyms.Load(Path.Combine(procRoot, "kallsyms"));
            kallsyms.EnsureAddressesVisible();
            return kallsyms;
        });
        _memory = new Lazy<ElfImageMemory>(() => ElfImageMemory.Open(Path.Combine(procRoot, "kcore")));
    }

    public RunningKernel Running => _running.Value;

    public ISymbolSource Symbols => _kallsyms.Value;

    public IKernelMemory Memory => _memory.Value;

    public AppliedUpdateStore State { get; }

    private string ProcModules => Path.Combine(_procRoot, "modules");

    public IReadOnlyList<LoadedModule> LoadedModules() => KernelModules.List(ProcModules);

    public void LoadModule(string path, string parameters = "") => KernelModules.Load(path, parameters);

    public void UnloadModule(string name) => KernelModules.Unload(name);

    public string InstalledCorePath => InstalledCore.PathFor(Running.Release, _modulesRoot);

    public string? LoadedCoreSourceVersion()
    {
        var path = Path.Combine(_sysRoot, "module", CoreModule.Name, "srcversion");
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    public ModuleSignaturePolicy SignaturePolicy() => ModuleSignaturePolicy.Read(_sysRoot);

    public CoreModuleState EnsureCoreLoaded() => CoreModule.EnsureLoaded(InstalledCorePath, _kallsyms.Value, ProcModules);

    public IUpdateSysfs Update(string id) => new SysfsUpdate(id, _sysfsRoot);

    public IReadOnlyList<string> UpdateIds() => SysfsUpdate.List(_sysfsRoot);

    public string FtraceEnabledFunctions()
    {
        foreach (var tracing in new[] { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" })
        {
            try
            {
                return File.ReadAllText(Path.Combine(tracing, "enabled_functions"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return "";
    }

    public IReadOnlyList<InstalledUpdate> InstalledUpdates() => _installed.For(Running.Release);

    public IReadOnlyList<(string Release, InstalledUpdate Update)> InstalledForOtherKernels() => _installed.ForOtherReleases(Running.Release);

    public string? OffBecause() => KspliceSwitch.OffBecause(_procRoot, _disableFile);

    public IReadOnlyList<StackConflict> ScanStacks(IReadOnlySet<string> functions) => LiveStackScan.Scan(functions, _procRoot);

    public void Dispose()
    {
        if (_memory.IsValueCreated) _memory.Value.Dispose();
    }
}
