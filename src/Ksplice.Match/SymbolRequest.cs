namespace Ksplice.Match;

/// <summary>
/// A placeholder of the update module (<c>__ksplice_sym_N</c>) and the symbol it stands for: its name as the pre object
/// spells it, and the object whose view of the name counts (statics are per object).
/// </summary>
public sealed record SymbolRequest(string Placeholder, string Name, string ObjectPath);
