using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using Ksplice.Source.Config;
using Ksplice.Source.Kbuild;

namespace Ksplice.Source.Trees;

/// <summary>
/// KERNEL_SOURCE, the pre tree: the running kernel's source, prepared once (--prebuild) and then only built in.
/// Its source files are never modified; builds add objects next to them.
/// </summary>
public sealed class SourceTree
{
    private SourceTree(string path) => Path = path;

    public string Path { get; }

    /// <summary>The version recorded in prepare stamps (without "+commit" build metadata): a new tool version prepares again.</summary>
    public static string ToolVersion { get; } =
        (typeof(SourceTree).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
         ?? typeof(SourceTree).Assembly.GetName().Version?.ToString() ?? "0").Split('+')[0];

    public static SourceTree Open(string path)
    {
        path = System.IO.Path.GetFullPath(path).TrimEnd('/');
        if (!File.Exists(System.IO.Path.Combine(path, "Makefile")) || !File.Exists(System.IO.Path.Combine(path, "Kbuild")))
            throw new KspliceSourceException($"{path}: not a kernel source tree (no Makefile and Kbuild at its top); give the directory linux-source-<version>.tar.xz extracts to.");
        return new SourceTree(path);
    }

    public string FullPath(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>True when the tree has been prepared (with any inputs): kbuild's auto.conf exists.</summary>
    public bool HasBuildConfig => File.Exists(FullPath("include/config/auto.conf"));

    /// <summary>
    /// --prebuild: copies the config directory's <c>.config</c> and the headers' <c>Module.symvers</c> in, then runs
    /// <c>olddefconfig</c> and <c>modules_prepare</c> with CC, KERNELRELEASE and KCFLAGS. Does nothing when the stamp
    /// says it was already done with the same inputs and tool version.
    /// </summary>
    public PrepareResult Prepare(ConfigDir config, string moduleSymversPath, KbuildDriver kbuild)
    {
        var clock = Stopwatch.StartNew();
        if (!File.Exists(moduleSymversPath))
            throw new KspliceSourceException($"{moduleSymversPath}: missing; the headers package of the running kernel provides Module.symvers.");
        var stamp = new PrepareStamp(config.Config.ContentHash, HashFile(moduleSymversPath), kbuild.Options.Cc,
            kbuild.Options.KernelRelease, ToolVersion);
        using (TreeLock.Acquire(Path))
        {
            if (PrepareStamp.TryRead(Path) == stamp && HasBuildConfig)
                return new PrepareResult(true, clock.Elapsed, stamp);
            var previous = FullPath(PrepareStamp.FileName);
            if (File.Exists(previous)) File.Delete(previous);
            SafeFile.CopyReplacing(config.ConfigPath, FullPath(".config"));
            SafeFile.CopyReplacing(moduleSymversPath, FullPath("Module.symvers"));
            // The stamp is written last, so an interrupted prepare runs again.
            kbuild.Make(Path, ["olddefconfig"], $"running olddefconfig in {Path}");
            kbuild.Make(Path, ["modules_prepare"], $"running modules_prepare in {Path}");
            stamp.Write(Path);
        }
        return new PrepareResult(false, clock.Elapsed, stamp);
    }

    private static string HashFile(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }
}
