using Ksplice.Elf.Model;

namespace Ksplice.Diff.Indexing;

/// <summary>
/// Where a relocation points. For a field inside an instruction the place is S + A + k, where k is the distance from
/// the field to the end of the instruction (4 for <c>lea sym(%rip)</c>, 5 to 8 when an immediate follows); the differ
/// does not decode instructions, so it tries each k, 4 first. In data, and for absolute fields, k is 0.
/// </summary>
public static class RelocationBias
{
    private static readonly int[] Code = [4, 5, 6, 8, 7];
    private static readonly int[] Data = [0];

    public static IReadOnlyList<int> Candidates(ElfSection site, ElfRelocation relocation) =>
        relocation.IsPcRelative && Width(relocation) == 4 && site.IsExecutable ? Code : Data;

    /// <summary>The field width, or 8 (mask generously) for a type the ELF library does not describe.</summary>
    public static int Width(ElfRelocation relocation) => RelocationInfo.IsSupported(relocation.Type) ? relocation.Width : 8;

    public static int Preferred(ElfSection site, ElfRelocation relocation) => Candidates(site, relocation)[0];
}
