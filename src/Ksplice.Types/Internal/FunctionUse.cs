using Ksplice.Dwarf;

namespace Ksplice.Types.Internal;

/// <summary>
/// A function with code in the object: its ELF symbol name (<c>foo.isra.0</c> when the DWARF address says so), its
/// source name, whether it is callable from other objects, every type its body names (parameters, locals, inlined
/// callees' locals) and the types of its signature. <see cref="SymbolResolved"/> is false when the entry has no
/// single start address (code split into ranges): its ELF name is then unknown and it never counts as replaced.
/// </summary>
internal sealed record FunctionUse(string SymbolName, string Name, DwarfEntry Entry, bool External,
    IReadOnlySet<ulong> BodyTypes, IReadOnlySet<ulong> SignatureTypes, bool SymbolResolved)
{
    /// <summary>True when the update replaces this function (by its ELF name; never when that name is unknown).</summary>
    public bool IsReplacedBy(IReadOnlySet<string> replaced) => SymbolResolved && replaced.Contains(SymbolName);
}
