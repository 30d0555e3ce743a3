using Ksplice.Abi;
using Ksplice.Apply.Applying;
using Ksplice.Apply.Kernel;
using Ksplice.Apply.Target;
using Ksplice.Elf.Modules;
using Ksplice.Match.Memory;
using Ksplice.Match.Symbols;
using Ksplice.Package;

namespace Ksplice.Apply.Tests.Support;

/// <summary>
/// A kernel for apply and undo tests: symbols and memory given by the test, a module list that loading and unloading
/// change, an update directory that appears when an update module loads, the core's answers chosen by the test, and
/// every action recorded in <see cref="Actions"/> ("load ksplice_core", "apply ID", "unload ksplice_ID", ...). A
/// <see cref="TestCore"/> is installed for its release under its own modules root; signatures are not enforced unless
/// the test says so.
/// </summary>
public sealed class RecordedKernel : ITargetKernel
{
    private readonly ISymbolSource _symbols;
    private readonly IKernelMemory _memory;

    public RecordedKernel(RunningKernel running, ISymbolSource symbols, IKernelMemory memory)
    {
        Running = running;
        _symbols = symbols;
        _memory = memory;
        TestCore.Install(ModulesRoot, running.Release, TestCore.Build());
    }

    public List<string> Actions { get; } = [];

    /// <summary>The registered updates by id, with their stage: what /sys/kernel/ksplice holds.</summary>
    public Dictionary<string, UpdateStage> Stages { get; } = new(StringComparer.Ordinal);

    /// <summary>The loaded modules by name, with the bytes of the file each was loaded from (empty when preloaded).</summary>
    public Dictionary<string, byte[]> Modules { get; } = new(StringComparer.Ordinal);

    /// <summary>Loading a module of this name fails as finit_module would with ENOEXEC.</summary>
    public string? FailLoading { get; set; }

    /// <summary>What the core reports when asked to apply; by default it applies.</summary>
    public StageResult ApplyAnswer { get; set; } = new(UpdateStage.Applied, AbortCause.Ok, [], "applied\n");

    /// <summary>Thrown when the core has been asked to apply, once the stage is <see cref="ApplyAnswer"/>'s: a failure of
    /// the kind no sysfs write is expected to give.</summary>
    public Exception? ApplyThrows { get; set; }

    /// <summary>What the core reports when asked to reverse; by default it reverses.</summary>
    public StageResult ReverseAnswer { get; set; } = new(UpdateStage.Reversed, AbortCause.Ok, [], "reversed\n");

    /// <summary>What a live stack scan finds.</summary>
    public IReadOnlyList<StackConflict> LiveConflicts { get; set; } = [];

    public RunningKernel Running { get; }

    /// <summary>The /lib/modules of this kernel: RELEASE/extra/ksplice_core.ko is the installed core.</summary>
    public string ModulesRoot { get; } = Directory.CreateTempSubdirectory("ksplice-modules-").FullName;

    public string InstalledCorePath => InstalledCore.PathFor(Running.Release, ModulesRoot);

    /// <summary>What sig_enforce and lockdown say.</summary>
    public ModuleSignaturePolicy Signatures { get; set; } = ModuleSignaturePolicy.None;

    /// <summary>The srcversion of a core preloaded by <see cref="Preload(string)"/> (no file): the installed test core's unless set.</summary>
    public string? PreloadedCoreSourceVersion { get; set; } = TestCore.SourceVersion;

    private bool _symbolsRead;

    /// <summary>The symbols; the first read is recorded.</summary>
    public ISymbolSource Symbols
    {
        get
        {
            if (!_symbolsRead) Actions.Add("read symbols");
            _symbolsRead = true;
            return _symbols;
        }
    }

    public IKernelMemory Memory => _memory;

    public AppliedUpdateStore State { get; } = new(Directory.CreateTempSubdirectory("ksplice-state-").FullName);

    /// <summary>A module loaded before the test, e.g. the core.</summary>
    public void Preload(string name) => Modules[name] = [];

    /// <summary>An update whose module was loaded before the test, in <paramref name="stage"/>.</summary>
    public void Preload(string id, UpdateStage stage)
    {
        Preload($"ksplice_{id}");
        Stages[id] = stage;
    }

    public IReadOnlyList<LoadedModule> LoadedModules() =>
        Modules.Keys.Select(name => new LoadedModule(name, 4096, 0, [], "Live", 0xffffffffc0000000, "OE")).ToList();

    public void LoadModule(string path, string parameters = "")
    {
        var name = Path.GetFileNameWithoutExtension(path);
        Actions.Add(parameters.Length > 0 ? $"load {name} {parameters}" : $"load {name}");
        if (name == FailLoading) throw new KernelModuleException($"Cannot load {path}: {KernelModules.Describe(8, loading: true)}", 8);
        if (Modules.ContainsKey(name)) throw new KernelModuleException($"Cannot load {path}: {KernelModules.Describe(17, loading: true)}", 17);
        Modules[name] = File.ReadAllBytes(path);
        if (name.StartsWith("ksplice_", StringComparison.Ordinal) && name != CoreModule.Name)
            Stages[name["ksplice_".Length..]] = UpdateStage.Preparing;
    }

    public void UnloadModule(string name)
    {
        Actions.Add($"unload {name}");
        if (!Modules.Remove(name)) throw new KernelModuleException($"Cannot unload module {name}: {KernelModules.Describe(2, loading: false)}", 2);
        if (name.StartsWith("ksplice_", StringComparison.Ordinal)) Stages.Remove(name["ksplice_".Length..]);
    }

    public ModuleSignaturePolicy SignaturePolicy() => Signatures;

    public string? LoadedCoreSourceVersion() =>
        !Modules.TryGetValue(CoreModule.Name, out var bytes) ? null
        : bytes.Length == 0 ? PreloadedCoreSourceVersion
        : KernelModuleFile.Read(bytes, "loaded ksplice_core").SourceVersion;

    public CoreModuleState EnsureCoreLoaded()
    {
        if (Modules.ContainsKey(CoreModule.Name)) return CoreModuleState.AlreadyLoaded;
        LoadModule(InstalledCorePath);
        return CoreModuleState.Loaded;
    }

    public IUpdateSysfs Update(string id) => new RecordedUpdateSysfs(this, id);

    public IReadOnlyList<string> UpdateIds() => Stages.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>What <see cref="FtraceEnabledFunctions"/> returns.</summary>
    public string EnabledFunctions { get; set; } = "";

    public string FtraceEnabledFunctions() => EnabledFunctions;

    /// <summary>The installed updates' root (/var/lib/ksplice/updates): RELEASE/ holds the running release's.</summary>
    public Ksplice.Package.InstalledUpdates Installed { get; } = new(Directory.CreateTempSubdirectory("ksplice-updates-").FullName);

    public IReadOnlyList<InstalledUpdate> InstalledUpdates() => Installed.For(Running.Release);

    public IReadOnlyList<(string Release, InstalledUpdate Update)> InstalledForOtherKernels() => Installed.ForOtherReleases(Running.Release);

    /// <summary>What <see cref="OffBecause"/> returns.</summary>
    public string? Off { get; set; }

    public string? OffBecause() => Off;

    public IReadOnlyList<StackConflict> ScanStacks(IReadOnlySet<string> functions)
    {
        Actions.Add($"scan stacks for {string.Join(",", functions.Order(StringComparer.Ordinal))}");
        return LiveConflicts;
    }
}
