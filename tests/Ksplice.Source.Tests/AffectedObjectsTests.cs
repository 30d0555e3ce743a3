using Ksplice.Source.Affected;
using Ksplice.Source.Kbuild;
using Ksplice.Source.Patches;
using Ksplice.Source.Process;
using Ksplice.TestSupport;
using Ksplice.TestSupport.Cases;
using Xunit;
using Xunit.Abstractions;

namespace Ksplice.Source.Tests;

[Collection(KernelTreeCollection.Name)]
public sealed class AffectedObjectsTests(ITestOutputHelper output)
{
    private static readonly Lazy<KbuildMembership> Membership = new(() => new KbuildMembership(KernelTree.Shared.TreePath, new ProcessRunner(), KernelTree.Shared.CacheDir));

    internal static IncludeIndex LoadIndex() =>
        IncludeIndex.Load(KernelTree.Shared.TreePath, Membership.Value.Arch.SrcArch,
            Path.Combine(KernelTree.Shared.CacheDir, "include-index.txt"), ["ksplice"]);

    private static readonly Lazy<IncludeIndex> Index = new(LoadIndex);

    private static AffectedObjectsFinder Finder() => new(Membership.Value, () => Index.Value);

    public static IEnumerable<object[]> Cases => CaseFile.Read("corpus-objects.txt").Select(c => new object[] { c.Fields[0], c.Rest(1) });

    [Fact]
    public void EveryExpectationNamesACorpusCase()
    {
        // The corpus may hold more cases than this file (the end-to-end runner takes any folder of cases); a line for a
        // case that is gone is stale.
        var listed = Cases.Select(c => (string)c[0]).ToList();
        Assert.Empty(listed.Except(RepoPaths.CorpusCases));
        Assert.NotEmpty(listed);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CorpusPatchMapsToItsObjects(string corpusCase, string expected)
    {
        var patch = PatchFileInput.Load(Path.Combine(RepoPaths.Corpus, corpusCase, "patch"));
        var set = Finder().Find(patch);
        var actual = string.Join(' ', set.Objects.Select(o => $"{o.Object}={o.Target.TargetName}"));
        var want = string.Join(' ', expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        Assert.True(want == actual, $"{corpusCase}: expected {want}, got {actual}; notes: {string.Join("; ", set.Notes)}");
        Assert.Empty(set.Refusals);
        Assert.All(set.Objects, o => Assert.False(o.ViaInclude));
    }

    [Fact]
    public void ObjectTheConfigurationDoesNotBuildIsDroppedWithANote()
    {
        var patch = SourcePatch.FromText(OneLinePatch("drivers/mtd/nand/raw/omap2.c", 1));
        var set = Finder().Find(patch);
        Assert.Empty(set.Objects);
        Assert.Contains(set.Notes, n => n.Contains("omap2.o is not built", StringComparison.Ordinal));
    }

    [Fact]
    public void BuildFilesAreRefusedAndDocumentationGivesNothing()
    {
        var text = OneLinePatch("fs/xfs/Makefile", 1) + OneLinePatch("fs/Kconfig", 1) + OneLinePatch("Documentation/admin-guide/README.rst", 1);
        var set = Finder().Find(SourcePatch.FromText(text));
        Assert.Empty(set.Objects);
        Assert.Equal(["fs/Kconfig", "fs/xfs/Makefile"], set.Refusals.Select(r => r.Path).Order(StringComparer.Ordinal));
        Assert.All(set.Refusals, r => Assert.Contains("cannot be applied to a running kernel", r.Reason, StringComparison.Ordinal));
        Assert.Contains(set.Notes, n => n.StartsWith("Documentation/admin-guide/README.rst: documentation", StringComparison.Ordinal));
    }

    [Fact]
    public void HeaderChangeReachesTheObjectsThatIncludeIt()
    {
        // kernel/printk/internal.h is included ("internal.h", relative) by four printk sources; index.c needs
        // CONFIG_PRINTK_INDEX, which Debian leaves off.
        const string header = "kernel/printk/internal.h";
        var tree = KernelTree.Shared;
        var set = Finder().Find(SourcePatch.FromText(OneLinePatch(header, 3)));
        var impact = Assert.Single(set.Headers);
        output.WriteLine(impact.ToString());
        Assert.True(set.NeedsConfirmation);
        Assert.Equal(4, impact.Candidates);
        Assert.Equal(["kernel/printk/printk.o", "kernel/printk/printk_safe.o", "kernel/printk/sysctl.o"], set.ObjectPaths);
        Assert.Contains(set.Notes, n => n.Contains("1 of 4 including object(s) are not built", StringComparison.Ordinal));

        var commands = tree.Kbuild.BuildObjects(tree.TreePath, set.ObjectPaths.ToList()).ToDictionary(c => c.Target);
        var confirmed = set.Confirm(commands);
        var after = Assert.Single(confirmed.Headers);
        output.WriteLine(after.ToString());
        Assert.Equal(3, after.Confirmed);
        Assert.All(confirmed.Objects, o => Assert.True(commands[o.Object].DependsOn(header), o.Object));
        Assert.False(confirmed.NeedsConfirmation);
    }

    [Fact]
    public void SystemHeaderReachesIncludersAcrossTheTreeFilteredByConfiguration()
    {
        // <linux/kmsg_dump.h>: included by a dozen sources across architectures and by pstore.h.
        var set = Finder().Find(SourcePatch.FromText(OneLinePatch("include/linux/kmsg_dump.h", 12)));
        var impact = Assert.Single(set.Headers);
        output.WriteLine(impact.ToString());
        Assert.True(impact.Candidates > impact.Built && impact.Built > 20, impact.ToString());
        foreach (var o in new[] { "kernel/printk/printk.o", "kernel/panic.o", "kernel/reboot.o", "fs/pstore/platform.o" })
            Assert.Contains(o, set.ObjectPaths);
        Assert.DoesNotContain("arch/powerpc/kernel/traps.o", set.ObjectPaths);
        Assert.All(set.Objects, o => Assert.True(o.ViaInclude && o.Target.IsBuilt));
    }

    [Fact]
    public void HeaderIncludedIntoEveryObjectIsRefused()
    {
        var set = Finder().Find(SourcePatch.FromText(OneLinePatch("include/linux/compiler_attributes.h", 5)));
        var refusal = Assert.Single(set.Refusals);
        Assert.Contains("every object", refusal.Reason, StringComparison.Ordinal);
    }

    /// <summary>A patch adding a comment line after line <paramref name="line"/> of a real file of the tree.</summary>
    internal static string OneLinePatch(string path, int line)
    {
        var lines = File.ReadAllLines(Path.Combine(KernelTree.Shared.TreePath, path));
        var context = lines[line - 1];
        return $"--- a/{path}\n+++ b/{path}\n@@ -{line},1 +{line},2 @@\n {context}\n+/* ksplice test */\n";
    }
}
