namespace Ksplice.Dwarf;

/// <summary>The debug information of an object cannot be read (truncated, an unknown form, a DWARF version we do not read).</summary>
public sealed class DwarfFormatException(string message) : Exception(message);
