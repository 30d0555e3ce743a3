using System.Diagnostics;
using System.Globalization;
using Ksplice.Source.Process;

namespace Ksplice.Vm;

/// <summary>
/// A minimal Debian 12 system for booted tests, built by mmdebstrap from the host's apt sources with the host's
/// kernel image package (so initramfs-tools makes the initrd inside) and its headers (for DKMS), customised by tests/vm/debian/image/, and cached
/// under the test cache by a hash of all of that (<see cref="BuildCache"/>, name "debian-guest"). The directory holds
/// the root filesystem as a whole-disk ext4 image, the guest's own kernel and initrd beside it, and build.txt.
/// Tests never write to it: <see cref="DebianGuest"/> boots it through a copy-on-write overlay.
/// </summary>
/// <param name="Directory">The cache directory holding the image.</param>
/// <param name="Kernel">The host's kernel, whose image package the guest has installed: the same release.</param>
public sealed record DebianImage(string Directory, GuestKernel Kernel)
{
    public const string Suite = "bookworm";

    /// <summary>mmdebstrap's "apt" variant: the Essential: yes packages and apt; image/packages adds the rest.</summary>
    public const string Variant = "apt";

    /// <summary>The apt sources the host uses, pasted into the guest as they are.</summary>
    public const string DefaultSources = "/etc/apt/sources.list.d/debian.sources";

    public string RootFilesystem => Path.Combine(Directory, "rootfs.ext4");
    public string KernelImage => Path.Combine(Directory, "vmlinuz");
    public string Initrd => Path.Combine(Directory, "initrd.img");

    /// <summary>What the build measured: mmdebstrap's time, the image's size and the packages it holds.</summary>
    public string BuildReport => File.ReadAllText(Path.Combine(Directory, "build.txt"));

    /// <summary>Returns the cached image for <paramref name="kernel"/>, building it first if the inputs changed.</summary>
    public static DebianImage Build(GuestKernel kernel, RepositoryLayout repository, IProcessRunner? runner = null,
        string? cacheRoot = null, string sources = DefaultSources)
    {
        runner ??= ProcessRunner.Default;
        if (!File.Exists(sources))
            throw new FileNotFoundException($"No apt sources at {sources}: the Debian guest is built from the host's sources", sources);
        var recipe = Path.Combine(repository.DebianGuest, "image");
        var recipeFiles = System.IO.Directory.GetFiles(recipe).Order(StringComparer.Ordinal).ToList();
        // The kernel's headers at the image's version, so that DKMS builds ksplice-core-dkms inside for that kernel.
        var version = kernel.ImagePackageVersion(runner);
        var packages = File.ReadLines(Path.Combine(recipe, "packages"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Append($"{kernel.ImagePackage}={version}").Append($"linux-headers-{kernel.Release}={version}").ToList();
        var key = BuildCache.Key([Suite, Variant, .. packages], [sources, .. recipeFiles]);

        // A fresh build downloads and installs a few hundred MB; another test process waits for it rather than failing.
        var cache = new BuildCache(cacheRoot) { LockWait = TimeSpan.FromMinutes(60) };
        var directory = cache.GetOrBuild("debian-guest", key, work => BuildInto(work, kernel.Release, packages, recipe, sources, runner));
        return new DebianImage(directory, kernel);
    }

    private static void BuildInto(string work, string release, IReadOnlyList<string> packages, string recipe, string sources,
        IProcessRunner runner)
    {
        // mmdebstrap writes a tarball (it mounts /proc and /sys inside its own temporary root and cleans up after
        // itself); the tarball is unpacked into a plain directory for mkfs.ext4 -d.
        var tarball = Path.Combine(work, "rootfs.tar");
        var clock = Stopwatch.StartNew();
        runner.RunChecked(new ProcessSpec("mmdebstrap", [
            "--mode=root", $"--variant={Variant}", "--format=tar",
            $"--include={string.Join(',', packages)}",
            $"--essential-hook=sh {Path.Combine(recipe, "initramfs.sh")} \"$1\"",
            $"--customize-hook=sh {Path.Combine(recipe, "customize.sh")} \"$1\"",
            Suite, tarball, sources]) { Timeout = TimeSpan.FromMinutes(45) }, "building the Debian guest with mmdebstrap");
        var mmdebstrap = clock.Elapsed;

        var root = Path.Combine(work, "rootfs");
        System.IO.Directory.CreateDirectory(root);
        runner.RunChecked(ProcessSpec.Of("tar", "-x", "-p", "--numeric-owner", "-f", tarball, "-C", root));
        foreach (var (from, to) in new[] { ($"boot/vmlinuz-{release}", "vmlinuz"), ($"boot/initrd.img-{release}", "initrd.img") })
        {
            var path = Path.Combine(root, from);
            if (!File.Exists(path))
                throw new FileNotFoundException($"The Debian guest has no /{from}: did {release}'s package install and run update-initramfs?", path);
            File.Copy(path, Path.Combine(work, to));
        }

        // Room for the packages tests install; the file is sparse, and the qcow2 overlays hold only what a boot writes.
        var tarSize = new FileInfo(tarball).Length;
        var sizeMb = (tarSize + tarSize / 4) / (1 << 20) + 1024;
        var image = Path.Combine(work, "rootfs.ext4");
        runner.RunChecked(ProcessSpec.Of("mkfs.ext4", "-q", "-F", "-L", "debian-guest", "-d", root, image,
            sizeMb.ToString(CultureInfo.InvariantCulture) + "M"));
        var installed = runner.RunChecked(ProcessSpec.Of("dpkg-query", "--admindir", Path.Combine(root, "var/lib/dpkg"), "-W")).StandardOutput;
        runner.RunChecked(ProcessSpec.Of("rm", "-rf", "--one-file-system", root));
        File.Delete(tarball);
        clock.Stop();

        File.WriteAllText(Path.Combine(work, "build.txt"), string.Create(CultureInfo.InvariantCulture,
            $"""
            mmdebstrap: {mmdebstrap.TotalSeconds:0} s; whole build: {clock.Elapsed.TotalSeconds:0} s
            image: {sizeMb} MB ext4, {DiskUsageMb(runner, image)} MB used on the host; rootfs tarball {tarSize >> 20} MB
            packages ({installed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length}):
            {installed}
            """));
    }

    /// <summary>The megabytes a sparse file occupies.</summary>
    private static long DiskUsageMb(IProcessRunner runner, string path) =>
        long.Parse(runner.Output("du", "-m", path).Split('\t')[0], CultureInfo.InvariantCulture);
}
