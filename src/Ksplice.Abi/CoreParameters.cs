namespace Ksplice.Abi;

/// <summary>
/// The load parameters of ksplice_core.ko, in the order of kmod/include/ksplice_core_params.h: each is the address of
/// the kernel symbol of the same name, from /proc/kallsyms (the core refuses to load when one does not name it).
/// </summary>
public static class CoreParameters
{
    public static IReadOnlyList<string> All { get; } =
    [
        "text_mutex", "stop_machine_cpuslocked", "idle_task", "jump_label_text_reserved", "static_call_text_reserved",
    ];
}
