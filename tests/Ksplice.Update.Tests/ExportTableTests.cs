using Ksplice.Update.Building;
using Xunit;

namespace Ksplice.Update.Tests;

public class ExportTableTests
{
    [Fact]
    public void Parses_module_symvers_lines()
    {
        var table = ExportTable.Parse("0x12345678\t_printk\tvmlinux\tEXPORT_SYMBOL\t\n0x0000abcd\tusb_foo\tdrivers/usb/core/usbcore\tEXPORT_SYMBOL_GPL\tUSB_STORAGE\n", "Module.symvers");
        Assert.Equal(2, table.Count);
        Assert.True(table.IsExportedByVmlinux("_printk"));
        Assert.False(table.IsExportedByVmlinux("usb_foo"));
        var usb = table.Find("usb_foo")!;
        Assert.True(usb.GplOnly);
        Assert.Equal("USB_STORAGE", usb.Namespace);
        Assert.Null(table.Find("kallsyms_lookup_name"));
    }

    [Fact]
    public void Malformed_line_is_reported_with_its_number()
    {
        var e = Assert.Throws<FormatException>(() => ExportTable.Parse("0x1\ta\tvmlinux\tEXPORT_SYMBOL\t\ngarbage\n", "Module.symvers"));
        Assert.Contains("Module.symvers:2", e.Message);
    }
}
