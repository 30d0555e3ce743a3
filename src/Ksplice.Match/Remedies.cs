namespace Ksplice.Match;

/// <summary>The advice that ends each failure message, one per situation.</summary>
internal static class Remedies
{
    public const string CodeDiffers =
        "Build the update from the exact source, configuration and compiler of the running kernel (compare `uname -v` with the tree's version), and undo other updates or livepatches that changed this function";

    public const string Unreadable =
        "Run as root with /proc/kcore readable (CONFIG_PROC_KCORE, no lockdown), and check that the target is loaded";

    public const string NoCandidates =
        "Check that the update targets the running kernel and that the target module is loaded (lsmod); the function may be inlined or removed in this build";

    public const string Ambiguous =
        "Several copies of this code exist and nothing the pre object refers to tells them apart; extend the patch to a caller that is unique, or name the symbol's object";

    public const string NotFound =
        "The symbol is static or unexported and nothing matched tells its address; check that the pre objects are complete and were built from the running kernel's source";

    public const string BadRequest =
        "The update's manifest and its pre objects disagree; rebuild the update";

    public const string Unsupported =
        "Report this relocation type; the matcher does not know how the linker fills it";
}
