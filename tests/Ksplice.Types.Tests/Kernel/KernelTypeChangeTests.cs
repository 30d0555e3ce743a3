using System.Diagnostics;
using Ksplice.Diff;
using Ksplice.Elf.IO;
using Ksplice.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Ksplice.Types.Tests.Kernel;

/// <summary>The type check on kernel/printk/printk.o of the prepared tree, with the update's functions taken from the real differ.</summary>
public class KernelTypeChangeTests(ITestOutputHelper output)
{
    private const string Printk = "kernel/printk/printk.o";

    private TypeCheckResult Check(EditedKernelObject pair)
    {
        var diff = ObjectDiffer.Compare(pair.Object, ElfReader.ReadFile(pair.Pre), ElfReader.ReadFile(pair.Post));
        var replaced = diff.Changed.Select(f => f.Pre!.Name).ToList();
        output.WriteLine($"replaced: {string.Join(", ", replaced)}; new: {string.Join(", ", diff.Added.Select(f => f.Name))}");
        var request = new TypeCheckRequest(pair.Object, pair.Pre, pair.Post)
        {
            ReplacedFunctions = replaced,
            NewFunctions = diff.Added.Select(f => f.Name).ToList(),
        };
        var clock = Stopwatch.StartNew();
        var result = TypeChangeCheck.Check(request);
        var first = clock.Elapsed;
        clock.Restart();
        var again = TypeChangeCheck.Check(request);
        output.WriteLine($"type check of {pair.Object} ({new FileInfo(pair.Pre).Length / 1024} KiB): {first.TotalMilliseconds:0} ms, "
            + $"{clock.Elapsed.TotalMilliseconds:0} ms the second time");
        Assert.Equal(result.Refusals.Select(r => r.ToString()), again.Refusals.Select(r => r.ToString()));
        foreach (var r in result.Refusals) output.WriteLine(r.ToString());
        return result;
    }

    [Fact]
    public void Member_added_to_devkmsg_user_is_refused_naming_the_readers_that_stay()
    {
        var pair = EditedKernelObject.Build(KernelTree.Shared, "devkmsg-member", Printk,
            "\tstruct printk_record record;\n};", "\tstruct printk_record record; u64 ksplice_generation;\n};");
        var result = Check(pair);
        var r = Assert.Single(result.Refusals, x => x.Name == "struct devkmsg_user");
        Assert.Equal(TypeChangeKind.Layout, r.Kind);
        Assert.Contains(r.Changes, c => c.StartsWith("member 'ksplice_generation' added at +", StringComparison.Ordinal));
        Assert.Contains(r.Changes, c => c.StartsWith("size ", StringComparison.Ordinal));
        Assert.Contains("devkmsg_read", r.Functions);
        Assert.Contains("devkmsg_write", r.Functions);
        Assert.Contains("kernel/printk/printk.c", r.DeclaredAt);
        Assert.StartsWith("kernel/printk/printk.o: struct devkmsg_user", r.ToString());
    }

    [Fact]
    public void Function_body_change_is_not_refused()
    {
        var pair = EditedKernelObject.Build(KernelTree.Shared, "devkmsg-body", Printk,
            "return EPOLLERR|EPOLLNVAL;", "return EPOLLERR|EPOLLNVAL|EPOLLHUP;");
        var result = Check(pair);
        Assert.Empty(result.Refusals);
        Assert.Empty(result.Allowed);
    }
}
