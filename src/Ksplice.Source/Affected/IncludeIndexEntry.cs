namespace Ksplice.Source.Affected;

/// <summary>One indexed file: when it was read (modification time and size) and its #include lines.</summary>
public sealed record IncludeIndexEntry(long MTimeTicks, long Size, IReadOnlyList<IncludeDirective> Includes);
