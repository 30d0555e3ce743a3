namespace Ksplice.Source.Kbuild;

/// <summary>Where an object ends up with the tree's configuration.</summary>
public enum ObjectTargetKind
{
    /// <summary>The configuration does not build it (or builds it into nothing that is linked).</summary>
    NotBuilt,

    /// <summary>Linked into vmlinux (obj-y or lib-y, directly or as part of a built-in composite).</summary>
    Vmlinux,

    /// <summary>Linked into a loadable module.</summary>
    Module,
}
