namespace Ksplice.Match;

/// <summary>
/// One thing the matcher could not prove. For a function: the candidate address it compared, the first place that
/// differs as <c>sym+0xoff</c>, and the pre and running bytes there in hex. For a symbol: the candidates it had.
/// <see cref="Message"/> is one line that names the place and ends with the remedy.
/// </summary>
public sealed record MatchFailure(MatchFailureKind Kind, MatchFailureReason Reason, string Symbol, string ObjectPath, string Target)
{
    /// <summary>The candidate address the details refer to.</summary>
    public ulong? Candidate { get; init; }

    /// <summary>The first differing place, <c>sym+0xoff</c>.</summary>
    public string? Place { get; init; }

    /// <summary>Offset of that place from the start of the function.</summary>
    public int? Offset { get; init; }

    /// <summary>Pre bytes (what the update was built from) at the place, hex.</summary>
    public string? Expected { get; init; }

    /// <summary>Running bytes at the place, hex.</summary>
    public string? Running { get; init; }

    /// <summary>Every candidate address considered.</summary>
    public IReadOnlyList<ulong> Candidates { get; init; } = [];

    /// <summary>What went wrong, without the remedy.</summary>
    public required string Detail { get; init; }

    public required string Remedy { get; init; }

    /// <summary>The message's first word: the wire name of the abort cause <see cref="Kind"/> is reported as.</summary>
    private string KindName => Kind switch
    {
        MatchFailureKind.NoMatch => "no_match",
        MatchFailureKind.FailedToFind => "failed_to_find",
        _ => Kind.ToString(),
    };

    public string Message
    {
        get
        {
            var where = Candidate is { } c ? $" at 0x{c:x}" : "";
            var bytes = Expected is null && Running is null ? "" : $": expected {Expected ?? "-"}, running {Running ?? "-"}";
            var place = Place is null ? "" : $" {Place}";
            return $"{KindName}: {Symbol} ({ObjectPath}, {Target}){where}:{place} {Detail}{bytes}. {Remedy}";
        }
    }

    public override string ToString() => Message;
}
