namespace Ksplice.Apply.Applying;

/// <summary>What ksplice-apply was asked to do.</summary>
public sealed record ApplyRequest(string Update)
{
    /// <summary>Match and report, but load and change nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Leave out the parts of the update whose target modules are not loaded.</summary>
    public bool Partial { get; init; }
}
