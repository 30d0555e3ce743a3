namespace Ksplice.Match.Symbols;

/// <summary>/proc/kallsyms (or a saved copy) could not be read, parsed, or does not answer a lookup.</summary>
public sealed class KallsymsException(string message) : Exception(message);
