namespace Ksplice.Package.Manifest;

/// <summary>New or copied data carried by the update.</summary>
public sealed record DataEntry(string Name, string Object, string Target, string Section, DataChangeKind Change, ulong Size);
