using Ksplice.Source.Process;

namespace Ksplice.Vm;

/// <summary>
/// The installed Debian kernel the guest boots: its image, its modules and the headers to build modules against.
/// </summary>
public sealed record GuestKernel(string Release, string ImagePath, string ModulesDirectory, string HeadersDirectory)
{
    /// <summary>The compiler the kernel was built with, from CONFIG_CC_VERSION_TEXT in the headers' .config (e.g. "gcc-12").</summary>
    public string Compiler
    {
        get
        {
            var config = Path.Combine(HeadersDirectory, ".config");
            foreach (var line in File.ReadLines(config))
            {
                const string key = "CONFIG_CC_VERSION_TEXT=\"";
                if (line.StartsWith(key, StringComparison.Ordinal))
                    return line[key.Length..].Split(' ', 2)[0];
            }
            throw new InvalidDataException($"{config}: no CONFIG_CC_VERSION_TEXT");
        }
    }

    /// <summary>The kernel for one release; every part must be installed.</summary>
    public static GuestKernel ForRelease(string release)
    {
        var kernel = new GuestKernel(release, $"/boot/vmlinuz-{release}", $"/lib/modules/{release}",
            $"/usr/src/linux-headers-{release}");
        var missing = new[] { kernel.ImagePath, kernel.ModulesDirectory, kernel.HeadersDirectory }
            .Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        return missing.Count == 0 ? kernel
            : throw new FileNotFoundException(
                $"Kernel {release} is not fully installed, missing: {string.Join(", ", missing)} " +
                $"(apt-get install linux-image-{release} linux-headers-{release})");
    }

    /// <summary>
    /// The installed amd64 kernel that has an image, modules and headers ($KSPLICE_GUEST_RELEASE overrides).
    /// When several are installed, the one whose package version equals linux-source-6.1's.
    /// </summary>
    public static GuestKernel Discover(IProcessRunner? runner = null)
    {
        var env = Environment.GetEnvironmentVariable("KSPLICE_GUEST_RELEASE");
        if (!string.IsNullOrEmpty(env)) return ForRelease(env);

        var releases = Directory.Exists("/usr/src")
            ? Directory.GetDirectories("/usr/src", "linux-headers-*-amd64")
                .Select(d => Path.GetFileName(d)["linux-headers-".Length..])
                .Where(r => File.Exists($"/boot/vmlinuz-{r}") && Directory.Exists($"/lib/modules/{r}"))
                .Order(StringComparer.Ordinal).ToList()
            : [];
        if (releases.Count == 1) return ForRelease(releases[0]);
        if (releases.Count == 0)
            throw new FileNotFoundException(
                "No installed kernel with image, modules and headers (/boot/vmlinuz-R, /lib/modules/R, " +
                "/usr/src/linux-headers-R-amd64); install linux-image-amd64 and linux-headers-amd64");

        runner ??= ProcessRunner.Default;
        var source = PackageVersion(runner, "linux-source-6.1");
        var matching = releases.Where(r => source is not null && PackageVersion(runner, $"linux-image-{r}") == source).ToList();
        return matching.Count == 1 ? ForRelease(matching[0])
            : throw new InvalidOperationException(
                $"Several kernels are installed ({string.Join(", ", releases)}) and " +
                (source is null ? "linux-source-6.1 is not installed" : $"not exactly one matches linux-source-6.1 {source}") +
                "; set KSPLICE_GUEST_RELEASE");
    }

    /// <summary>The Debian package that installed the kernel image (linux-image-RELEASE).</summary>
    public string ImagePackage => $"linux-image-{Release}";

    /// <summary>The installed version of <see cref="ImagePackage"/>, from dpkg.</summary>
    public string ImagePackageVersion(IProcessRunner? runner = null) =>
        PackageVersion(runner ?? ProcessRunner.Default, ImagePackage)
        ?? throw new InvalidOperationException($"{ImagePackage} is not installed as a Debian package (dpkg-query -W {ImagePackage})");

    private static string? PackageVersion(IProcessRunner runner, string package)
    {
        var result = runner.Run(ProcessSpec.Of("dpkg-query", "-W", "-f", "${Version}", package));
        return result.Succeeded && result.StandardOutput.Trim().Length > 0 ? result.StandardOutput.Trim() : null;
    }
}
