namespace Ksplice.Source.Affected;

/// <summary>
/// How far one changed header (or included file) reaches: sources that include it (transitively, from #include
/// lines), how many of their objects the configuration builds, and how many the pre build's dependency lists confirmed
/// (null until <see cref="AffectedObjectSet.Confirm"/>).
/// </summary>
public sealed record HeaderImpact(string Header, int Candidates, int Built, int? Confirmed)
{
    public override string ToString() =>
        $"{Header}: {Candidates} candidate object(s) from #include lines, {Built} built by this configuration"
        + (Confirmed is { } c ? $", {c} confirmed by dependency lists" : "");
}
