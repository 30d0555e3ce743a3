using Ksplice.Match.Symbols;

namespace Ksplice.Apply.Kernel;

/// <summary>
/// ksplice_core.ko: loaded once, with the addresses of the unexported kernel helpers it needs as
/// parameters, resolved here from kallsyms (the module checks each names the right symbol and refuses to
/// load otherwise).
/// </summary>
public static class CoreModule
{
    public const string Name = "ksplice_core";

    /// <summary>The module parameters, each the address of the kernel symbol of the same name.</summary>
    public static IReadOnlyList<string> RequiredSymbols => CoreParameters.All;

    /// <summary>"text_mutex=0x... stop_machine_cpuslocked=0x... ...", from the kernel image's symbols.</summary>
    public static string Parameters(Kallsyms kallsyms) =>
        string.Join(' ', RequiredSymbols.Select(name => $"{name}=0x{kallsyms.Single(name, Targets.Vmlinux).Address:x}"));

    public static bool IsLoaded(string procModules = KernelModules.ProcModules) =>
        KernelModules.IsLoaded(Name, procModules);

    /// <summary>Loads the core from <paramref name="modulePath"/> unless it is loaded already.</summary>
    public static CoreModuleState EnsureLoaded(string modulePath, Kallsyms? kallsyms = null,
        string procModules = KernelModules.ProcModules)
    {
        if (IsLoaded(procModules)) return CoreModuleState.AlreadyLoaded;
        KernelModules.Load(modulePath, Parameters(kallsyms ?? Kallsyms.Load()));
        return CoreModuleState.Loaded;
    }
}
