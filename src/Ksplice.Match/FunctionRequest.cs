namespace Ksplice.Match;

/// <summary>
/// A pre function to find in the running kernel: the object it comes from and its symbol name. <see cref="Section"/>
/// (the manifest's <c>preSection</c>) picks the definition when the name is defined more than once in the object.
/// </summary>
public sealed record FunctionRequest(string ObjectPath, string Symbol, string? Section = null);
