using Ksplice.Source.Kbuild;
using Ksplice.Source.Process;
using Ksplice.TestSupport;
using Xunit;

namespace Ksplice.Source.Tests;

[Collection(KernelTreeCollection.Name)]
public sealed class KbuildMembershipTests
{
    private static readonly Lazy<KbuildMembership> Membership = new(() => new KbuildMembership(KernelTree.Shared.TreePath, new ProcessRunner()));

    public static IEnumerable<object[]> Cases => DataFile.Cases("membership.txt");

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
