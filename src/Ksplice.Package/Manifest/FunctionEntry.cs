namespace Ksplice.Package.Manifest;

/// <summary>A changed or new function, with the object and section it comes from.</summary>
public sealed record FunctionEntry(string Name, string Symbol, string Object, string Target, string Section, FunctionChangeKind Change);
