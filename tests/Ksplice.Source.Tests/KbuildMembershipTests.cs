using Ksplice.Source.Kbuild;
using Ksplice.Source.Process;
using Ksplice.TestSupport;
using Ksplice.TestSupport.Cases;
using Xunit;

namespace Ksplice.Source.Tests;

[Collection(KernelTreeCollection.Name)]
public sealed class KbuildMembershipTests
{
    private static readonly Lazy<KbuildMembership> Membership = new(() => new KbuildMembership(KernelTree.Shared.TreePath, new ProcessRunner(), KernelTree.Shared.CacheDir));

    public static IEnumerable<object[]> Cases => CaseFile.Read("membership.txt").Select(c => new object[] { c.Fields[0], c.Rest(1) });

    [Theory]
    [MemberData(nameof(Cases))]
    public void ObjectMapsToItsTarget(string obj, string expected)
    {
        var target = Membership.Value.Of(obj);
        var actual = target.Kind switch
        {
            ObjectTargetKind.Vmlinux => "vmlinux",
            ObjectTargetKind.Module => "module " + target.ModuleName,
            _ => "not-built",
        };
        Assert.True(expected == actual, $"{obj}: expected {expected}, got {target}");
    }

    [Fact]
    public void CachedMembershipAnswersWithoutRunningMake()
    {
        var tree = KernelTree.Shared;
        Membership.Value.AllObjects();
        var offline = new RecordingProcessRunner();
        var cached = new KbuildMembership(tree.TreePath, offline, tree.CacheDir);
        Assert.Equal(ObjectTargetKind.Module, cached.Of("fs/xfs/xfs_stats.o").Kind);
        Assert.Equal(ObjectTargetKind.NotBuilt, cached.Of("drivers/mtd/nand/raw/omap2.o").Kind);
        Assert.Equal(Membership.Value.AllModules().Count, cached.AllModules().Count);
        Assert.Empty(offline.Specs);

        // Without a cache the same question runs make.
        var counting = new RecordingProcessRunner(new ProcessRunner());
        Assert.Equal(ObjectTargetKind.Vmlinux, new KbuildMembership(tree.TreePath, counting).Of("kernel/printk/printk.o").Kind);
        Assert.Contains(counting.Specs, s => s.FileName == "make");
    }

    [Fact]
    public void ModulesAgreeWithDebiansModulesOrder()
    {
        var tree = KernelTree.Shared;
        var order = Path.Combine("/lib/modules", tree.Headers.Release, "modules.order");
        var debian = File.ReadLines(order).Select(l => l.Trim()).Where(l => l.Length > 0)
            .Select(l => l.StartsWith("kernel/", StringComparison.Ordinal) ? l["kernel/".Length..] : l).ToHashSet();
        var ours = Membership.Value.AllModules();
        var missing = debian.Except(ours).Order().ToList();
        var extra = ours.Except(debian).Order().ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"modules.order has {debian.Count}, we found {ours.Count}; missing {missing.Count}: {string.Join(' ', missing.Take(20))}; extra {extra.Count}: {string.Join(' ', extra.Take(20))}");
    }
}
