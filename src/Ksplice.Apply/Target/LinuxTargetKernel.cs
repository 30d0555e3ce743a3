using Ksplice.Apply.Applying;
using Ksplice.Apply.Kernel;
using Ksplice.Match.Memory;
using Ksplice.Match.Symbols;

namespace Ksplice.Apply.Target;

/// <summary>
/// The kernel this process runs on: /proc/sys/kernel, /proc/kallsyms, /proc/kcore, /proc/modules, finit_module and
/// delete_module, /sys/kernel/ksplice and /var/lib/ksplice (tests point the roots elsewhere). Symbols and memory are
/// read on first use; disposing closes /proc/kcore.
/// </summary>
public sealed class LinuxTargetKernel : ITargetKernel, IDisposable
{
    private readonly string _procRoot;
    private readonly string _sysfsRoot;
    private readonly Lazy<RunningKernel> _running;
    private readonly Lazy<Kallsyms> _kallsyms;
    private readonly Lazy<ElfImageMemory> _memory;

    public LinuxTargetKernel(string procRoot = "/proc", string sysfsRoot = SysfsUpdate.DefaultRoot,
        string stateRoot = AppliedUpdateStore.DefaultRoot)
    {
        _procRoot = procRoot;
        _sysfsRoot = sysfsRoot;
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

    public CoreModuleState EnsureCoreLoaded(string modulePath) => CoreModule.EnsureLoaded(modulePath, _kallsyms.Value, ProcModules);

    public IUpdateSysfs Update(string id) => new SysfsUpdate(id, _sysfsRoot);

    public IReadOnlyList<string> UpdateIds() => SysfsUpdate.List(_sysfsRoot);

    public IReadOnlyList<StackConflict> ScanStacks(IReadOnlySet<string> functions) => LiveStackScan.Scan(functions, _procRoot);

    public void Dispose()
    {
        if (_memory.IsValueCreated) _memory.Value.Dispose();
    }
}
