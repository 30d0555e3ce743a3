namespace Ksplice.Corpus;

/// <summary>One row of the corpus table: the case, what happened, whether that was expected, times and the reason.</summary>
public sealed record CaseResult(CorpusCase Case, CaseOutcome Outcome, TimeSpan CreateTime, TimeSpan? ApplyTime, string Reason)
{
    public bool AsExpected => Outcome != CaseOutcome.Error && Case.Expect switch
    {
        CorpusExpectation.Applies => Outcome == CaseOutcome.Applied,
        CorpusExpectation.NoChange => Outcome == CaseOutcome.NoChange,
        CorpusExpectation.Refused => Outcome is CaseOutcome.RefusedAtCreate or CaseOutcome.RefusedAtApply,
        _ => false,
    };

    public string OutcomeWord => Outcome switch
    {
        CaseOutcome.Applied => "applied",
        CaseOutcome.NoChange => "no-change",
        CaseOutcome.RefusedAtCreate => "refused by create",
        CaseOutcome.RefusedAtApply => "refused by apply",
        CaseOutcome.Created => "created",
        CaseOutcome.Error => "error",
        _ => "failed",
    };

    public string Describe() =>
        $"{Case.Name}: expected {Case.ExpectWord}, got {OutcomeWord}{(Reason.Length > 0 ? ": " + Reason : "")}";
}
