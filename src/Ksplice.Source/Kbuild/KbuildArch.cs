namespace Ksplice.Source.Kbuild;

/// <summary>
/// What the top Makefile exports for the top-level Kbuild from <c>arch/$(SRCARCH)/Makefile</c>:
/// ARCH_CORE (core-y), ARCH_LIB (libs-y directories), ARCH_DRIVERS (drivers-y) and BITS.
/// </summary>
public sealed record KbuildArch(string SrcArch, string Core, string Lib, string Drivers, string Bits)
{
    /// <summary>SRCARCH from the configuration: the first architecture symbol set in auto.conf.</summary>
    public static IReadOnlyList<(string Option, string SrcArch)> ArchOptions { get; } =
    [
        ("CONFIG_X86", "x86"), ("CONFIG_ARM64", "arm64"), ("CONFIG_ARM", "arm"), ("CONFIG_RISCV", "riscv"),
        ("CONFIG_PPC", "powerpc"), ("CONFIG_S390", "s390"), ("CONFIG_LOONGARCH", "loongarch"), ("CONFIG_MIPS", "mips"),
    ];

    /// <summary>The environment kbuild gives every directory's Makefile.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["srctree"] = ".", ["objtree"] = ".", ["SRCARCH"] = SrcArch, ["ARCH"] = SrcArch, ["BITS"] = Bits,
        ["ARCH_CORE"] = Core, ["ARCH_LIB"] = Lib, ["ARCH_DRIVERS"] = Drivers,
        ["MAKEFLAGS"] = null, ["MFLAGS"] = null, ["MAKELEVEL"] = null, ["LC_ALL"] = "C",
    };
}
