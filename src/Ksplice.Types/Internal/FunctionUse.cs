using Ksplice.Dwarf;

namespace Ksplice.Types.Internal;

/// <summary>
/// A function with code in the object: its ELF symbol name (<c>foo.isra.0</c> when the DWARF address says so), its
/// source name, whether it is callable from other objects, every type its body names (parameters, locals, inlined
/// callees' locals) and the types of its signature.
/// </summary>
internal sealed record FunctionUse(string SymbolName, string Name, DwarfEntry Entry, bool External,
    IReadOnlySet<ulong> BodyTypes, IReadOnlySet<ulong> SignatureTypes);
