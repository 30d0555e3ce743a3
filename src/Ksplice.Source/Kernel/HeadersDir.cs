namespace Ksplice.Source.Kernel;

/// <summary>
/// An installed kernel headers package (<c>/usr/src/linux-headers-&lt;release&gt;</c>): the release it was built for,
/// its version string and compiler, its <c>.config</c> and <c>Module.symvers</c>.
/// </summary>
public sealed class HeadersDir
{
    private KernelConfig? _config;

    private HeadersDir(string path, string release, string? version, string? compiler)
    {
        Path = path;
        Release = release;
        Version = version;
        Compiler = compiler;
    }

    public string Path { get; }

    /// <summary><c>UTS_RELEASE</c>, e.g. <c>6.1.0-56-amd64</c>.</summary>
    public string Release { get; }

    /// <summary><c>UTS_VERSION</c>, e.g. <c>#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)</c>; null when not recorded.</summary>
    public string? Version { get; }

    /// <summary><c>LINUX_COMPILER</c> (compiler and linker), or <c>CONFIG_CC_VERSION_TEXT</c> when compile.h is missing.</summary>
    public string? Compiler { get; }

    public string ConfigPath => System.IO.Path.Combine(Path, ".config");
    public string ModuleSymversPath => System.IO.Path.Combine(Path, "Module.symvers");
    public KernelConfig Config => _config ??= KernelConfig.Read(ConfigPath);

    /// <summary>Reads a headers directory; throws when it has no <c>include/generated/utsrelease.h</c>.</summary>
    public static HeadersDir Open(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        var generated = System.IO.Path.Combine(path, "include", "generated");
        var release = CDefines.ReadStrings(System.IO.Path.Combine(generated, "utsrelease.h")).GetValueOrDefault("UTS_RELEASE")
            ?? throw new KspliceSourceException($"{path}: not a kernel headers directory (no UTS_RELEASE in include/generated/utsrelease.h); install linux-headers-<release>.");
        var compile = CDefines.ReadStrings(System.IO.Path.Combine(generated, "compile.h"));
        var version = CDefines.ReadStrings(System.IO.Path.Combine(generated, "utsversion.h")).GetValueOrDefault("UTS_VERSION")
            ?? compile.GetValueOrDefault("UTS_VERSION");
        var compiler = compile.GetValueOrDefault("LINUX_COMPILER");
        if (compiler is null && File.Exists(System.IO.Path.Combine(path, ".config")))
            compiler = KernelConfig.Read(System.IO.Path.Combine(path, ".config")).CcVersionText;
        return new HeadersDir(path, release, version, compiler);
    }

    public static bool LooksLikeHeaders(string path) =>
        File.Exists(System.IO.Path.Combine(path, "include", "generated", "utsrelease.h"))
        && File.Exists(System.IO.Path.Combine(path, ".config"));

    public override string ToString() => $"{Release} ({Path})";
}
