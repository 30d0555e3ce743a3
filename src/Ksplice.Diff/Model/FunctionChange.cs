using Ksplice.Elf.Model;

namespace Ksplice.Diff.Model;

/// <summary>
/// A function that differs between the pre and post objects. <see cref="Pre"/> is null for a new function,
/// <see cref="Post"/> for a removed one. <see cref="PreCold"/>/<see cref="PostCold"/> are the `.cold` parts gcc split
/// out of the function, which belong to it (they are stack-checked and replaced with it, never patched on their own).
/// </summary>
public sealed record FunctionChange(ChangeKind Kind, ElfSymbol? Pre, ElfSymbol? Post)
{
    public ElfSymbol? PreCold { get; init; }
    public ElfSymbol? PostCold { get; init; }

    /// <summary>Why it changed, for -v output: e.g. "bytes differ at +0x1c", "relocation at +0x20 now refers to foo".</summary>
    public string Reason { get; init; } = "";

    public string Name => (Post ?? Pre)!.Name;
    public ElfSection? PreSection => Pre?.Section;
    public ElfSection? PostSection => Post?.Section;
}
