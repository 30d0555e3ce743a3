namespace Ksplice.Corpus;

/// <summary>A case's `expect` file: what must happen to its patch.</summary>
public enum CorpusExpectation
{
    /// <summary>`applies`: create, apply, check, undo and the check failing again all succeed.</summary>
    Applies,

    /// <summary>`no-change`: ksplice-create exits 66 with "No changes detected".</summary>
    NoChange,

    /// <summary>`refused`: ksplice-create or ksplice-apply refuses with a clear reason and the kernel stays as it was.</summary>
    Refused,
}
