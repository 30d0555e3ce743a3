namespace Ksplice.Source.Kbuild;

/// <summary>
/// Membership of one object: vmlinux, a module (<see cref="ModuleName"/> as the kernel knows it, dashes turned into
/// underscores like KBUILD_MODNAME; <see cref="ModulePath"/> the tree-relative <c>.ko</c>), or not built, with why.
/// </summary>
public sealed record ObjectTarget(string Object, ObjectTargetKind Kind, string? ModuleName, string? ModulePath, string Reason)
{
    /// <summary>"vmlinux", the module name, or null when not built: the manifest's target name.</summary>
    public string? TargetName => Kind switch
    {
        ObjectTargetKind.Vmlinux => "vmlinux",
        ObjectTargetKind.Module => ModuleName,
        _ => null,
    };

    public bool IsBuilt => Kind != ObjectTargetKind.NotBuilt;

    public static ObjectTarget Vmlinux(string obj, string reason) => new(obj, ObjectTargetKind.Vmlinux, null, null, reason);

    public static ObjectTarget Module(string obj, string modulePath, string reason) =>
        new(obj, ObjectTargetKind.Module, Path.GetFileNameWithoutExtension(modulePath).Replace('-', '_'), modulePath, reason);

    public static ObjectTarget NotBuilt(string obj, string reason) => new(obj, ObjectTargetKind.NotBuilt, null, null, reason);

    public override string ToString() => Kind switch
    {
        ObjectTargetKind.Vmlinux => $"{Object} -> vmlinux",
        ObjectTargetKind.Module => $"{Object} -> module {ModuleName} ({ModulePath})",
        _ => $"{Object} -> not built ({Reason})",
    };
}
