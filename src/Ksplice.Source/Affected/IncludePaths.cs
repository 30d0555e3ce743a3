namespace Ksplice.Source.Affected;

/// <summary>Where kbuild's compiler looks for <c>#include</c> files (the <c>-I</c> and <c>-include</c> of every object).</summary>
public static class IncludePaths
{
    /// <summary>The system include directories, tree-relative with a trailing slash, in kbuild's order.</summary>
    public static IReadOnlyList<string> SystemRoots(string srcArch) =>
    [
        $"arch/{srcArch}/include/", $"arch/{srcArch}/include/generated/", "include/",
        $"arch/{srcArch}/include/uapi/", $"arch/{srcArch}/include/generated/uapi/", "include/uapi/", "include/generated/uapi/",
    ];

    /// <summary>Headers every object includes through <c>-include</c>: a change to them (or what they include) reaches every object.</summary>
    public static IReadOnlyList<string> ForcedIncludes { get; } =
    [
        "include/linux/compiler-version.h", "include/linux/kconfig.h", "include/linux/compiler_types.h",
    ];

    /// <summary>Top-level directories whose files never go into the kernel (not indexed).</summary>
    public static IReadOnlyList<string> NotIndexed { get; } = ["tools", "Documentation", "scripts", "LICENSES"];

    /// <summary>File endings that are indexed.</summary>
    public static IReadOnlyList<string> IndexedSuffixes { get; } = [".c", ".h", ".S"];
}
