using Ksplice.Source.Kbuild;
using Ksplice.Source.Process;
using Ksplice.TestSupport;
using Xunit;

namespace Ksplice.Source.Tests;

[Collection(KernelTreeCollection.Name)]
public sealed class KbuildDriverTests
{
    [Fact]
    public void BuildCommandsCarryModuleFlagsAndDependencies()
    {
        var tree = KernelTree.Shared;
        var commands = tree.Kbuild.BuildObjects(tree.TreePath, ["fs/xfs/xfs_stats.o", "kernel/printk/printk.o"]).ToDictionary(c => c.Target);
        var xfs = commands["fs/xfs/xfs_stats.o"];
        Assert.True(xfs.IsModule);
        Assert.Equal("xfs", xfs.ModName);
        Assert.Equal("fs/xfs/xfs_stats.c", xfs.Source);
        Assert.Equal("gcc-12", xfs.Compiler);
        Assert.Contains("-fdata-sections", xfs.CompileArguments);
        Assert.True(xfs.DependsOn("fs/xfs/xfs.h"));
        Assert.DoesNotContain(xfs.Dependencies, d => d.Contains("$(wildcard", StringComparison.Ordinal));

        var printk = commands["kernel/printk/printk.o"];
        Assert.False(printk.IsModule);
        Assert.Equal("printk", printk.ModName);
        Assert.True(printk.DependsOn("kernel/printk/internal.h"));
        Assert.True(printk.DependsOn("include/linux/kmsg_dump.h"));
    }

    [Fact]
    public void CompileErrorsComeBackAsErrorLines()
    {
        var tree = KernelTree.Shared;
        // In the post tree (the source tree is never written): a source outside every Makefile, which kbuild compiles anyway.
        var post = Trees.PostTree.Open(tree.Source, Path.Combine(tree.CacheDir, "post-source-tests"), new ProcessRunner(), [tree.ConfigDirPath], out _);
        var dir = post.FullPath("kernel/ksplice_broken_test");
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "broken.c"), "int ksplice_broken(void) { return undeclared_thing; }\n");
            var e = Assert.Throws<KbuildException>(() => tree.Kbuild.BuildObjects(post.Path, ["kernel/ksplice_broken_test/broken.o"]));
            Assert.Contains(e.ErrorLines, l => l.Contains("undeclared_thing", StringComparison.Ordinal) && l.Contains("error:", StringComparison.Ordinal));
            Assert.Contains("broken.c", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ExternalModuleIsBuiltAgainstTheHeaders()
    {
        var tree = KernelTree.Shared;
        var dir = tree.Scratch("external-module");
        File.WriteAllText(Path.Combine(dir, "Kbuild"), "obj-m := ksplice_hello.o\n");
        File.WriteAllText(Path.Combine(dir, "ksplice_hello.c"),
            "#include <linux/module.h>\nstatic int __init h_init(void) { return 0; }\nmodule_init(h_init);\nMODULE_LICENSE(\"GPL\");\n");
        var ko = tree.Kbuild.BuildExternalModule(tree.HeadersPath, dir, []);
        Assert.Equal(Path.Combine(dir, "ksplice_hello.ko"), ko);
        var info = new ProcessRunner().Output("modinfo", "-F", "vermagic", ko);
        Assert.StartsWith(tree.Headers.Release + " ", info);
    }

    [Theory]
    [InlineData(null, "3", 3)]
    [InlineData(5, "3", 5)]
    public void JobCountComesFromTheOptionThenConcurrencyLevel(int? option, string env, int expected) =>
        Assert.Equal(expected, JobCount.Resolve(option, env));

    [Fact]
    public void JobCountDefaultsToTheProcessorCount() => Assert.Equal(Environment.ProcessorCount, JobCount.Resolve(null, ""));
}
