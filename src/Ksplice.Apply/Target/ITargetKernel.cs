using Ksplice.Apply.Applying;
using Ksplice.Apply.Kernel;
using Ksplice.Match.Memory;
using Ksplice.Match.Symbols;
using Ksplice.Package;

namespace Ksplice.Apply.Target;

/// <summary>
/// The running kernel as apply, undo and view see it: its release, symbols and memory, the module loader, the installed
/// and the loaded core, whether it enforces module signatures, each loaded update's sysfs directory, the tasks' stacks,
/// what ksplice-apply recorded about the updates it applied, the updates installed for it and whether ksplice is off.
/// <see cref="LinuxTargetKernel"/> is the machine this process runs on; tests give a recorded one.
/// </summary>
public interface ITargetKernel
{
    /// <summary><c>uname -r</c> and <c>uname -v</c>.</summary>
    RunningKernel Running { get; }

    /// <summary>The kernel's symbols (/proc/kallsyms), with their addresses visible.</summary>
    ISymbolSource Symbols { get; }

    /// <summary>The kernel's memory by virtual address (/proc/kcore).</summary>
    IKernelMemory Memory { get; }

    /// <summary>What ksplice-apply keeps about each update it applied.</summary>
    AppliedUpdateStore State { get; }

    /// <summary>The loaded modules (/proc/modules).</summary>
    IReadOnlyList<LoadedModule> LoadedModules();

    /// <summary>Loads a module file with parameters ("name=value ..."); throws <see cref="KernelModuleException"/>.</summary>
    void LoadModule(string path, string parameters = "");

    /// <summary>Unloads a module by name; throws <see cref="KernelModuleException"/>.</summary>
    void UnloadModule(string name);

    /// <summary>The core module installed for the running release (<see cref="InstalledCore"/>): the only core apply loads.</summary>
    string InstalledCorePath { get; }

    /// <summary>The loaded core's srcversion (/sys/module/ksplice_core/srcversion); null when no core is loaded or it has none.</summary>
    string? LoadedCoreSourceVersion();

    /// <summary>Whether the kernel enforces module signatures (sig_enforce, lockdown).</summary>
    ModuleSignaturePolicy SignaturePolicy();

    /// <summary>Loads the core from <see cref="InstalledCorePath"/> unless a core is loaded already.</summary>
    CoreModuleState EnsureCoreLoaded();

    /// <summary>The sysfs directory of update <paramref name="id"/> (which exists only while its module is loaded).</summary>
    IUpdateSysfs Update(string id);

    /// <summary>The ids of every update registered with the core.</summary>
    IReadOnlyList<string> UpdateIds();

    /// <summary>ftrace's enabled_functions (each traced function, its ftrace_ops users); empty when it cannot be read.</summary>
    string FtraceEnabledFunctions();

    /// <summary>The update tarballs installed for the running release (/var/lib/ksplice/updates/RELEASE/), in the order they apply.</summary>
    IReadOnlyList<InstalledUpdate> InstalledUpdates();

    /// <summary>The update tarballs installed for other releases than the running one, which cannot apply here.</summary>
    IReadOnlyList<(string Release, InstalledUpdate Update)> InstalledForOtherKernels() => [];

    /// <summary>Why the administrator turned ksplice off (ksplice=off, /etc/ksplice/disable), or null.</summary>
    string? OffBecause();

    /// <summary>The tasks whose stacks are inside any of <paramref name="functions"/> right now (for --dry-run).</summary>
    IReadOnlyList<StackConflict> ScanStacks(IReadOnlySet<string> functions);
}
