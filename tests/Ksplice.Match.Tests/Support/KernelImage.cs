using Ksplice.Source.Process;
using Ksplice.TestSupport;
using Ksplice.Vm;

namespace Ksplice.Match.Tests.Support;

/// <summary>
/// The installed Debian kernel (release discovered, never assumed) and its uncompressed image, extracted once per
/// release into the test cache with the tree's scripts/extract-vmlinux.
/// </summary>
public static class KernelImage
{
    private static readonly Lazy<GuestKernel> LazyKernel = new(() => GuestKernel.Discover());
    private static readonly Lazy<string> LazyVmlinux = new(Extract, LazyThreadSafetyMode.ExecutionAndPublication);

    public static GuestKernel Kernel => LazyKernel.Value;
    public static string Release => Kernel.Release;

    /// <summary>$KSPLICE_TEST_CACHE/match/&lt;release&gt;.</summary>
    public static string CacheDir => Path.Combine(TestPaths.CacheRoot, "match", Release);

    /// <summary>The uncompressed vmlinux of the installed kernel (stripped, PT_LOAD segments, no symbols).</summary>
    public static string VmlinuxPath => LazyVmlinux.Value;

    private static string Extract()
    {
        Directory.CreateDirectory(CacheDir);
        var path = Path.Combine(CacheDir, "vmlinux");
        using (FileLock.Acquire(Path.Combine(CacheDir, ".vmlinux.lock"), TimeSpan.FromMinutes(10)))
        {
            if (File.Exists(path)) return path;
            var script = Path.Combine(KernelTree.Shared.TreePath, "scripts", "extract-vmlinux");
            var tmp = path + ".tmp" + Environment.ProcessId;
            ProcessRunner.Default.RunChecked(new ProcessSpec("sh", ["-c", "\"$0\" \"$1\" > \"$2\"", script, Kernel.ImagePath, tmp]),
                $"extracting vmlinux from {Kernel.ImagePath}");
            File.Move(tmp, path, overwrite: true);
            return path;
        }
    }
}
