using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Ksplice.Apply.Applying;
using Ksplice.Elf.IO;
using Ksplice.Elf.Model;
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

    /// <summary>
    /// tests/fixtures/apply/module.c compiled (gcc-12, cached): an update module before specialisation, with the
    /// placeholders of every manifest <see cref="Manifest"/> makes, so more than any one of them lists.
    /// </summary>
    public static string ModulePath => Module("module.c");

    /// <summary>The module of <see cref="ModulePath"/> without the placeholders <paramref name="manifest"/> does not list: the
    /// update module ksplice-create would have made for it.</summary>
    public static string ModuleFor(UpdateManifest manifest)
    {
        var module = ElfReader.ReadFile(ModulePath);
        var listed = manifest.Symbols.Select(s => s.Placeholder).Concat(manifest.Patches.Select(p => p.SizeSymbol)).ToHashSet(StringComparer.Ordinal);
        module.RemoveSymbols(module.Symbols.Where(s => s.IsAbsolute && s.Name.StartsWith("__ksplice_", StringComparison.Ordinal) && !listed.Contains(s.Name)).ToList());
        var path = Path.Combine(Directory.CreateTempSubdirectory("ksplice-module-").FullName, "module.o");
        ElfWriter.WriteFile(module, path);
        return path;
    }

    /// <summary>tests/fixtures/apply/NAME compiled (gcc-12, cached).</summary>
    public static string Module(string name) =>
        FixtureCache.Compile(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "apply", name)), FixtureCache.KernelLikeFlags);

    /// <summary>
    /// The module of <see cref="ModuleFor"/> plus a __jump_table entry whose key field is relocated against a new absolute
    /// placeholder <paramref name="keyPlaceholder"/> (as update.o carries the static key of a target's tracepoint); with
    /// <paramref name="withInertKeys"/>, also the inert keys kmod/update/main.c defines.
    /// </summary>
    public static string ModuleWithJumpTableKey(UpdateManifest manifest, string keyPlaceholder, bool withInertKeys = false)
    {
        var module = ElfReader.ReadFile(ModuleFor(manifest));
        if (withInertKeys)
        {
            var bss = module.AddSection(new ElfSection(".bss.ksplice_inert", ElfSectionType.NoBits)
            {
                Flags = ElfSectionFlags.Alloc | ElfSectionFlags.Write, Alignment = 8, Data = new byte[32],
            });
            foreach (var (name, offset) in new[] { ("ksplice_inert_static_key", 0UL), ("ksplice_inert_static_call_key", 16UL) })
                module.AddSymbol(new ElfSymbol(name) { Binding = ElfSymbolBinding.Global, Type = ElfSymbolType.Object, Section = bss, Value = offset, Size = 16 });
        }
        var key = module.AddSymbol(new ElfSymbol(keyPlaceholder)
        {
            Binding = ElfSymbolBinding.Global, Type = ElfSymbolType.NoType, SpecialIndex = ElfSectionIndex.Absolute,
        });
        var table = module.AddSection(new ElfSection("__jump_table", ElfSectionType.ProgBits)
        {
            Flags = ElfSectionFlags.Alloc | ElfSectionFlags.Write, Alignment = 8, Data = new byte[16],
        });
        table.Relocations.Add(new ElfRelocation(8, X86RelocationType.Pc64, key, 0));
        var path = Path.Combine(Directory.CreateTempSubdirectory("ksplice-module-").FullName, "module.o");
        ElfWriter.WriteFile(module, path);
        return path;
    }

    /// <summary>The pre object every update of this class carries for each of its objects: learn.c compiled (cached).</summary>
    public static string LearnObjectPath => FixtureCache.Compile(TestFixtures.Source("learn.c"), TestFixtures.Flags);

    public static UpdateManifest Manifest(string id, LearnImage image, bool changesXfs = false, bool needsMissingSymbol = false,
        bool xfsKeyInJumpTable = false)
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
        if (xfsKeyInJumpTable) symbols.Add(new PlaceholderEntry("__ksplice_sym_5", "__tracepoint_xfs_stats", "fs/xfs/xfs_stats.o", "xfs", PlaceholderKind.Data));
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

    /// <summary>Writes the update tarball (through the package writer) under a fresh temporary directory and returns its path;
    /// the module is <paramref name="module"/> as it is, or else <see cref="ModuleFor"/> the manifest; each pre object is
    /// <paramref name="preObject"/>, or else <see cref="LearnObjectPath"/>.</summary>
    public static string Write(UpdateManifest manifest, string? module = null, string? preObject = null)
    {
        var dir = Directory.CreateTempSubdirectory("ksplice-update-").FullName;
        var writer = new UpdatePackageWriter(manifest)
            .Patch("--- a/lib/learn.c\n+++ b/lib/learn.c\n")
            .Description(manifest.Description + "\n")
            .Module(module ?? ModuleFor(manifest));
        foreach (var obj in manifest.Targets.SelectMany(t => t.Objects)) writer.PreObject(obj, preObject ?? LearnObjectPath);
        var tarball = Path.Combine(dir, PackageLayout.TarballName(manifest.Id));
        writer.Write(tarball);
        return tarball;
    }

    /// <summary>
    /// The update as ksplice-create wrote it before the core was installed on the target: with its own
    /// ksplice_core.ko (<paramref name="core"/>), listed with its SHA-256 in the manifest's files.
    /// </summary>
    public static string WriteWithItsOwnCore(UpdateManifest manifest, byte[] core)
    {
        var tarball = Write(manifest);
        var unpacked = UpdatePackage.Open(tarball, Directory.CreateTempSubdirectory("ksplice-legacy-").FullName).Directory;
        File.WriteAllBytes(Path.Combine(unpacked, PackageLayout.LegacyCoreModuleFile), core);
        var manifestPath = Path.Combine(unpacked, PackageLayout.ManifestFile);
        var json = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        json["files"]![PackageLayout.LegacyCoreModuleFile] = Convert.ToHexStringLower(SHA256.HashData(core));
        File.WriteAllText(manifestPath, json.ToJsonString());
        var legacy = Path.Combine(Directory.CreateTempSubdirectory("ksplice-update-").FullName, PackageLayout.TarballName(manifest.Id));
        using (var file = File.Create(legacy))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            TarFile.CreateFromDirectory(unpacked, gzip, includeBaseDirectory: true);
        return legacy;
    }
}
