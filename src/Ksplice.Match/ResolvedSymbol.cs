namespace Ksplice.Match;

/// <summary>A placeholder's value, how it was obtained, and where (the first place it was learnt from, or "kallsyms").</summary>
public sealed record ResolvedSymbol(string Placeholder, string Name, string ObjectPath, string Target, ulong Value, SymbolValueSource Source, string Place);
