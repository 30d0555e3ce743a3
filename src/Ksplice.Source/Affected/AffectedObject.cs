using Ksplice.Source.Kbuild;

namespace Ksplice.Source.Affected;

/// <summary>
/// An object to build in the pre and post trees: its target (vmlinux or a module), the touched files that make it
/// affected, and whether that comes through an #include (then the pre build's dependency list must confirm it).
/// </summary>
public sealed record AffectedObject(string Object, ObjectTarget Target, IReadOnlyList<string> Causes, bool ViaInclude);
