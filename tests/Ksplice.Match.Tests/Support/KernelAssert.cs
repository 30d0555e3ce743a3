using Ksplice.Elf.Sections;
using Ksplice.Elf.Model;

namespace Ksplice.Match.Tests.Support;

public static class KernelAssert
{
    /// <summary>
    /// The only functions of a rebuilt object allowed not to match are the two kinds ARCHITECTURE.md measured:
    /// a __weak default the arch code overrides (kallsyms's entry is the override), and a copy of a static that only
    /// freed init code calls (identical copies in other objects, nothing left running to tell them apart).
    /// </summary>
    public static void OnlyExplainedFailures(ElfObject obj, MatchResult result)
    {
        foreach (var failure in result.Failures)
        {
            var symbol = obj.FindSymbols(failure.Symbol).First(s => s.Section is not null);
            var weak = symbol.Binding == ElfSymbolBinding.Weak && failure.Kind == MatchFailureKind.NoMatch;
            var initOnly = failure.Reason == MatchFailureReason.Ambiguous && obj.Sections
                .Where(c => c.IsExecutable && c != symbol.Section && c.Relocations.Any(r => r.Symbol.Section == symbol.Section))
                .All(SectionClassifier.IsFreedAfterBoot);
            Assert.True(weak || initOnly, "unexplained: " + failure.Message);
        }
    }
}
