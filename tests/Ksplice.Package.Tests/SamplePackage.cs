using Ksplice.Package.Manifest;

namespace Ksplice.Package.Tests;

/// <summary>A small valid update (one changed function in printk.o) and the files to write it from.</summary>
public static class SamplePackage
{
    public const string Object = "kernel/printk/printk.o";
    public const string PatchText = "--- a/x\n+++ b/x\n";

    public static string Scratch() => Directory.CreateTempSubdirectory("ksplice-package-").FullName;

    public static UpdateManifest Manifest(string id) => new()
    {
        Id = id,
        Description = "printk says hello",
        Created = new DateTimeOffset(2026, 11, 22, 2, 28, 52, TimeSpan.Zero),
        Tool = "ksplice 0.1.0",
        Kernel = new KernelIdentity("6.1.0-56-amd64", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)", "gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0"),
        Targets = [new TargetEntry("vmlinux", [Object])],
        Functions = [new FunctionEntry("_printk", "_printk", Object, "vmlinux", ".text._printk", FunctionChangeKind.Changed)],
        Data = [new DataEntry("quoth", Object, "vmlinux", ".rodata.str1.1", DataChangeKind.Copied, 12)],
        Hooks = [new HookEntry("check_apply", "check_quoth", Object)],
        Symbols = [new PlaceholderEntry("__ksplice_sym_0", "_printk", Object, "vmlinux", PlaceholderKind.Function)],
        Patches = [new PatchEntry(0, "_printk", Object, "vmlinux", "__ksplice_sym_0", ".text._printk", 123, "__ksplice_expect_0", 5)],
    };

    /// <summary>A writer with every file of the sample update, read from files under <paramref name="root"/>.</summary>
    public static UpdatePackageWriter Writer(string root, string id)
    {
        var sources = Path.Combine(root, "sources");
        Directory.CreateDirectory(sources);
        File.WriteAllText(Path.Combine(sources, "update.ko"), "update module");
        File.WriteAllText(Path.Combine(sources, "printk.o"), "pre object");
        return new UpdatePackageWriter(Manifest(id))
            .Patch(PatchText)
            .Description("printk says hello\n")
            .Module(Path.Combine(sources, "update.ko"))
            .PreObject(Object, Path.Combine(sources, "printk.o"));
    }

    /// <summary>Writes the sample update as ksplice-&lt;id&gt;.tar.gz under a new scratch directory.</summary>
    public static string Tarball(string id = "abc123")
    {
        var root = Scratch();
        var tarball = Path.Combine(root, PackageLayout.TarballName(id));
        Writer(root, id).Write(tarball);
        return tarball;
    }
}
