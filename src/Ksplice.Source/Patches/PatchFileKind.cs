namespace Ksplice.Source.Patches;

/// <summary>What a touched file is, for deciding what the patch means for the running kernel.</summary>
public enum PatchFileKind
{
    /// <summary>A C or assembly source file: its object is rebuilt.</summary>
    Source,

    /// <summary>A header: every object that includes it is rebuilt.</summary>
    Header,

    /// <summary>Makefile, Kbuild or Kconfig: refused, the build configuration cannot change in a running kernel.</summary>
    BuildFile,

    /// <summary>A linker script: refused, the kernel's layout cannot change.</summary>
    LinkerScript,

    /// <summary>Documentation: produces no objects.</summary>
    Documentation,

    /// <summary>Host tools and scripts (tools/, scripts/): not part of the running kernel; ignored with a note.</summary>
    HostTool,

    /// <summary>Anything else: refused, ksplice does not know how it reaches the kernel.</summary>
    Unknown,
}
