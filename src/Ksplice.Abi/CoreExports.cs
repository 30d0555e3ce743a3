namespace Ksplice.Abi;

/// <summary>
/// The symbols ksplice_core.ko exports (EXPORT_SYMBOL_GPL in kmod/core): registration, used by every update module's
/// fixed part, and the shadow variables of kmod/include/ksplice-patch.h, which a patch's new code may call.
/// </summary>
public static class CoreExports
{
    public const string ModuleName = "ksplice_core";

    public static IReadOnlyList<string> Registration { get; } = ["ksplice_register", "ksplice_unregister"];

    public static IReadOnlyList<string> Shadow { get; } =
        ["ksplice_shadow_get", "ksplice_shadow_alloc", "ksplice_shadow_free", "ksplice_shadow_free_all"];

    public static IReadOnlyList<string> All { get; } = [.. Registration, .. Shadow];
}
