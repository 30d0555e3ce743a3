using Ksplice.Package.Manifest;

namespace Ksplice.Apply.Applying;

/// <summary>
/// --partial cannot leave out a target whose static keys or static calls the update module's tables name: loading the
/// module would register entries with keys that do not exist (<see cref="AbsentTargetKeys"/>).
/// </summary>
public sealed record PartialUpdateNeedsTarget(string Id, IReadOnlyList<PlaceholderEntry> Keys) : TargetRefusal(Id);
