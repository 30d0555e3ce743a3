namespace Ksplice.Apply.Applying;

/// <summary>
/// A core symbol the update module needs: the CRC it was built against (null without modversions) and the CRC the
/// installed core exports it with (null when the core does not export it at all).
/// </summary>
public sealed record CoreSymbolMismatch(string Symbol, uint? Wanted, bool Exported, uint? Installed);
