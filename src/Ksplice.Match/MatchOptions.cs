namespace Ksplice.Match;

/// <summary>Bounds on how far the matcher goes to learn a value it was not given directly.</summary>
public sealed record MatchOptions
{
    public static MatchOptions Default { get; } = new();

    /// <summary>How deep to follow referrers: matching a referrer that is itself ambiguous may match its referrers.</summary>
    public int ReferrerDepth { get; init; } = 3;

    /// <summary>At most this many referring functions are matched to learn one value.</summary>
    public int ReferrersPerValue { get; init; } = 32;
}
