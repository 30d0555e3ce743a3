using Ksplice.Diff.Model;

namespace Ksplice.Update.Building;

/// <summary>An object's diff and where the object lives in the running kernel: "vmlinux" or a module name.</summary>
public sealed record TargetedDiff(ObjectDiff Diff, string Target);
