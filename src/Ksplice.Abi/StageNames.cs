namespace Ksplice.Abi;

/// <summary>The words of /sys/kernel/ksplice/&lt;id&gt;/stage, in the order of kmod/include/ksplice_stages.h.</summary>
public static class StageNames
{
    /// <summary>Registered, not applied (also after a failed apply).</summary>
    public const string Preparing = "preparing";

    /// <summary>Written to apply; read back once applied.</summary>
    public const string Applied = "applied";

    /// <summary>Written to undo; read back once undone (final: unload the update module to apply it again).</summary>
    public const string Reversed = "reversed";

    public static IReadOnlyList<string> All { get; } = [Preparing, Applied, Reversed];
}
