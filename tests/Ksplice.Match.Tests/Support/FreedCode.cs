using Ksplice.Elf.Model;

namespace Ksplice.Match.Tests.Support;

/// <summary>The matcher's notion of code the kernel frees after boot, restated for the tests.</summary>
internal static class FreedCode
{
    public static bool IsDiscarded(ElfSection section) =>
        section.Name.StartsWith(".init.", StringComparison.Ordinal) || section.Name.StartsWith(".exit.", StringComparison.Ordinal);
}
