namespace Ksplice.Apply.Kernel;

/// <summary>One line of /proc/modules: "xfs 1900544 1 libfoo, Live 0xffffffffc0a00000 (OE)".</summary>
public sealed record LoadedModule(string Name, long Size, int References, IReadOnlyList<string> UsedBy, string State,
    ulong Address, string Taints);
