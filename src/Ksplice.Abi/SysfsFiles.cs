namespace Ksplice.Abi;

/// <summary>The files of a loaded update's directory, in the order of kmod/include/ksplice_sysfs_files.h.</summary>
public static class SysfsFiles
{
    /// <summary>Where the core puts one directory per registered update, named by its id.</summary>
    public const string Root = "/sys/kernel/ksplice";

    /// <summary>The update's stage (<see cref="StageNames"/>); written to apply or undo.</summary>
    public const string Stage = "stage";

    /// <summary>The outcome of the last write to <see cref="Stage"/> (<see cref="AbortCause"/>).</summary>
    public const string AbortCause = "abort_cause";

    /// <summary>"comm pid symbol..." per task that blocked the last attempt.</summary>
    public const string Conflicts = "conflicts";

    /// <summary>What the core did for the last write to <see cref="Stage"/>; see <see cref="AttemptLine"/>.</summary>
    public const string Debug = "debug";

    /// <summary>How many shadow variables (kmod/include/ksplice-patch.h) the update's code attached and has not freed.</summary>
    public const string Shadows = "shadows";

    public static IReadOnlyList<string> All { get; } = [Stage, AbortCause, Conflicts, Debug, Shadows];
}
