using Ksplice.Apply.Applying;
using Ksplice.Match.Tests.Support;
using Ksplice.TestSupport;
using Ksplice.Package;
using Ksplice.Package.Manifest;

namespace Ksplice.Apply.Tests.Support;

/// <summary>
/// An unpacked update that replaces learn_calls of the match fixtures' learn.c (pre object lib/learn.o, running in a
/// <see cref="LearnImage"/>); its module is tests/fixtures/apply/module.c. Optionally it also changes a function of the
/// xfs module, and asks for a symbol the kernel does not have.
/// </summary>
public static class TestUpdate
{
    public const string Release = "6.1.0-test-amd64";
    public const string Version = "#1 SMP PREEMPT_DYNAMIC Debian 6.1.0-test (2026-12-01)";

    public static RunningKernel Kernel { get; } = new(Release, Version);

    /// <summary>tests/fixtures/apply/module.c compiled (gcc-12, cached): the update module before specialisation.</summary>
    public static string ModulePath =>
        FixtureCache.Compile(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "apply", "module.c")), FixtureCache.KernelLikeFlags);

    private static string LearnObjectPath => FixtureCache.Compile(TestFixtures.Source("learn.c"), TestFixtures.Flags);

    public static UpdateManifest Manifest(string id, LearnImage image, bool changesXfs = false, bool needsMissingSymbol = false)
    {
        var preSize = image.Learn.FindSection(".text.learn_calls")!.Size;
        List<PlaceholderEntry> symbols =
        [
            new("__ksplice_sym_0", "learn_calls", "lib/learn.o", "vmlinux", PlaceholderKind.Function),
            new("__ksplice_sym_1", "ext_var", "lib/learn.o", "vmlinux", PlaceholderKind.Data),
            new("__ksplice_sym_2", "helper", "lib/learn.o", "vmlinux", PlaceholderKind.Function),
        ];
        List<PatchEntry> patches = [new(0, "learn_calls", "lib/learn.o", "vmlinux", "__ksplice_sym_0", ".text.learn_calls", preSize, "__ksplice_expect_0", 5)];
        List<TargetEntry> targets = [new("vmlinux", ["lib/learn.o"])];
        if (changesXfs)
        {
            targets.Add(new TargetEntry("xfs", ["fs/xfs/xfs_stats.o"]));
            symbols.Add(new PlaceholderEntry("__ksplice_sym_3", "xfs_stats_format", "fs/xfs/xfs_stats.o", "xfs", PlaceholderKind.Function));
            patches.Add(new PatchEntry(1, "xfs_stats_format", "fs/xfs/xfs_stats.o", "xfs", "__ksplice_sym_3", ".text.xfs_stats_format", 100, "__ksplice_expect_1", 5));
        }
        if (needsMissingSymbol) symbols.Add(new PlaceholderEntry("__ksplice_sym_4", "no_such_symbol", "lib/learn.o", "vmlinux", PlaceholderKind.Data));
        return new UpdateManifest
        {
            Id = id,
            Description = "learn_calls returns one more",
            Created = DateTimeOffset.UnixEpoch,
            Tool = "ksplice test",
            Kernel = new KernelIdentity(Release, Version, "gcc-12"),
            Targets = targets,
            Functions = patches.Select(p => new FunctionEntry(p.Name, p.Name, p.Object, p.Target, p.PreSection, FunctionChangeKind.Changed)).ToList(),
            Symbols = symbols,
            Patches = patches,
        };
    }

    /// <summary>Writes the update tarball (through the package writer) under a fresh temporary directory and returns its path.</summary>
    public static string Write(UpdateManifest manifest)
    {
        var dir = Directory.CreateTempSubdirectory("ksplice-update-").FullName;
        var core = Path.Combine(dir, "core.ko");
        File.WriteAllText(core, "core module");
        var writer = new UpdatePackageWriter(manifest)
            .Patch("--- a/lib/learn.c\n+++ b/lib/learn.c\n")
            .Description(manifest.Description + "\n")
            .Module(ModulePath)
            .CoreModule(core);
        foreach (var obj in manifest.Targets.SelectMany(t => t.Objects)) writer.PreObject(obj, LearnObjectPath);
        var tarball = Path.Combine(dir, PackageLayout.TarballName(manifest.Id));
        writer.Write(tarball);
        return tarball;
    }
}
