namespace Ksplice.Corpus;

/// <summary>The words of an `expect` file and the expectations they stand for.</summary>
public static class CorpusExpectations
{
    private static readonly (string Word, CorpusExpectation Expectation)[] Words =
    [
        ("applies", CorpusExpectation.Applies),
        ("no-change", CorpusExpectation.NoChange),
        ("refused", CorpusExpectation.Refused),
    ];

    public static string Word(this CorpusExpectation expectation) => Words.Single(w => w.Expectation == expectation).Word;

    public static bool TryParse(string word, out CorpusExpectation expectation)
    {
        foreach (var (w, e) in Words)
        {
            if (w != word) continue;
            expectation = e;
            return true;
        }
        expectation = default;
        return false;
    }

    public static string Known => string.Join(", ", Words.Select(w => w.Word));
}
