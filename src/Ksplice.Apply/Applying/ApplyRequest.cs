namespace Ksplice.Apply.Applying;

/// <summary>What ksplice-apply was asked to do, and where the kernel interfaces are (tests point them elsewhere).</summary>
public sealed record ApplyRequest(string Update)
{
    /// <summary>Match and report, but load and change nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Leave out the parts of the update whose target modules are not loaded.</summary>
    public bool Partial { get; init; }

    public string ProcRoot { get; init; } = "/proc";
    public string SysfsRoot { get; init; } = Kernel.SysfsUpdate.DefaultRoot;
    public string StateRoot { get; init; } = AppliedUpdateStore.DefaultRoot;
    public string ScratchRoot { get; init; } = Path.GetTempPath();
}
