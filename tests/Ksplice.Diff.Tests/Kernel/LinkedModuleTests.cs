using Ksplice.Elf.IO;
using Ksplice.Source.Kernel;
using Xunit;

namespace Ksplice.Diff.Tests.Kernel;

/// <summary>
/// Installed modules are objects linked from several files and stripped of FILE symbols: static functions and
/// tables of one name from different files (two <c>jhash</c> copies of a header, two <c>buffer_queue.cold</c>, ops
/// tables pointing at same-named functions, nested compound literals). Compared with itself, each must show nothing:
/// the duplicate-name, cold-part and disambiguation rules have to pair every symbol with itself from evidence alone.
/// </summary>
public class LinkedModuleTests
{
    [Theory]
    [InlineData("net/netfilter/nf_tables.ko")]
    [InlineData("drivers/media/pci/cx88/cx8800.ko")]
    [InlineData("sound/pci/oxygen/snd-virtuoso.ko")]
    [InlineData("drivers/platform/x86/hp/hp-wmi.ko")]
    [InlineData("drivers/scsi/mpt3sas/mpt3sas.ko")]
    [InlineData("drivers/nvdimm/libnvdimm.ko")]
    [InlineData("fs/xfs/xfs.ko")]
    public void A_linked_module_compared_with_itself_shows_nothing(string module)
    {
        var path = Path.Combine(KernelRelease.Find().ModulesDir(), "kernel", module);
        var diff = ObjectDiffer.Compare(module, ElfReader.ReadFile(path), ElfReader.ReadFile(path));
        Assert.False(diff.HasChanges, string.Join("\n", ObjectDiffPrinter.Print(diff, verbose: true).Take(20)));
        Assert.All(diff.Correlation, kv => Assert.Equal(kv.Key.Name, kv.Value.Name));
    }
}
