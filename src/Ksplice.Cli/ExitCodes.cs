namespace Ksplice.Cli;

/// <summary>Exit codes of every ksplice command (docs/DESIGN.md section 5).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Error = 1;
    public const int Usage = 2;
    /// <summary>apply/undo: the kernel refused (the abort cause was printed).</summary>
    public const int Aborted = 3;
    /// <summary>create: the patch changes no object code ("No changes detected"), as the original.</summary>
    public const int NoChanges = 66;
}
