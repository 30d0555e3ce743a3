using Ksplice.Corpus;
using Ksplice.TestSupport;

namespace Ksplice.EndToEnd.Tests;

/// <summary>
/// The project's own cases in the corpus format (tests/cases): what the visible corpus has no sample of, such as hooks
/// and shadow variables (kmod/include/ksplice-patch.h). They ride on the same runner and boot as the visible corpus.
/// </summary>
public static class ProjectCases
{
    public static string Folder { get; } = Path.Combine(RepoPaths.Root, "tests", "cases");

    public static IReadOnlyList<CorpusCase> All { get; } = CorpusCase.Load(Folder);
}
