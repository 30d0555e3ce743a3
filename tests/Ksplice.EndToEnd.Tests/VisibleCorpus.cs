using Ksplice.Corpus;
using Ksplice.TestSupport;

namespace Ksplice.EndToEnd.Tests;

/// <summary>The corpus beside the repository (../shared/corpus, or $KSPLICE_CORPUS), loaded once.</summary>
public static class VisibleCorpus
{
    public static IReadOnlyList<CorpusCase> All { get; } = CorpusCase.Load(TestPaths.Corpus);

    public static CorpusCase Named(string name) => All.Single(c => c.Name == name);
}
