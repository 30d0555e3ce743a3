using Ksplice.Apply.Applying;
using Ksplice.Apply.Kernel;
using Ksplice.Match.Memory;
using Ksplice.Match.Symbols;

namespace Ksplice.Apply.Target;

/// <summary>
/// The running kernel as apply, undo and view see it: its release, symbols and memory, the module loader, each loaded
/// update's sysfs directory, the tasks' stacks, and what ksplice-apply recorded about the updates it applied.
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

    /// <summary>Loads the core module from <paramref name="modulePath"/> unless it is loaded already.</summary>
    CoreModuleState EnsureCoreLoaded(string modulePath);

    /// <summary>The sysfs directory of update <paramref name="id"/> (which exists only while its module is loaded).</summary>
    IUpdateSysfs Update(string id);

    /// <summary>The ids of every update registered with the core.</summary>
    IReadOnlyList<string> UpdateIds();

    /// <summary>The tasks whose stacks are inside any of <paramref name="functions"/> right now (for --dry-run).</summary>
    IReadOnlyList<StackConflict> ScanStacks(IReadOnlySet<string> functions);
}
