using Ksplice.Elf.Model;
using Ksplice.Package.Manifest;

namespace Ksplice.Update.Building;

/// <summary>
/// What <see cref="UpdateObjectBuilder"/> produces: the object with the new code (shipped to kbuild as update.o), the
/// placeholders it refers to, the trampolines to install and the extra ranges to stack-check.
/// </summary>
public sealed class UpdateObject
{
    public required ElfObject Object { get; init; }
    public required IReadOnlyList<PlaceholderEntry> Placeholders { get; init; }
    public required IReadOnlyList<PatchPlan> Patches { get; init; }
    public required IReadOnlyList<ExtraRange> OldExtra { get; init; }
    public required IReadOnlyList<ExtraRange> NewExtra { get; init; }
    public required IReadOnlyList<FunctionEntry> Functions { get; init; }
    public required IReadOnlyList<DataEntry> Data { get; init; }

    /// <summary>The patch author's hooks (ksplice-patch.h), in object order and, within an object, section order.</summary>
    public IReadOnlyList<HookPlan> Hooks { get; init; } = [];

    /// <summary>Where the update hands out the address of its own code (<see cref="CodeAddressEscapes"/>): its code stays loaded after an undo.</summary>
    public IReadOnlyList<EscapeEntry> Escapes { get; init; } = [];

    /// <summary>Symbol namespaces of the exported symbols the new code uses (MODULE_IMPORT_NS).</summary>
    public required IReadOnlyList<string> Namespaces { get; init; }
}

/// <summary>One trampoline: the old function (a placeholder), its new version (an alias in update.o) and the pre section the matcher compares.</summary>
public sealed record PatchPlan(int Index, string Name, string Object, string Target, string OldPlaceholder, string NewSymbol,
    string PreSection, ulong PreSize, ulong NewSize, int TrampolineOffset)
{
    public string ExpectSymbol => $"__ksplice_expect_{Index}";

    /// <summary>
    /// The absolute symbol that receives the running function's size at apply time: it can be shorter than the pre
    /// section (the running kernel was built without -ffunction-sections, so GNU as relaxed jumps between its functions).
    /// </summary>
    public string SizeSymbol { get; init; } = $"__ksplice_size_{Index}";
}

/// <summary>A range checked on the stacks besides the patched functions: a .cold part, old or new.</summary>
public sealed record ExtraRange(string Name, string AddressSymbol, ulong Size);
