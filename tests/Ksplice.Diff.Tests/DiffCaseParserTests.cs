using Ksplice.Diff.Tests.Cases;
using Ksplice.TestSupport.Cases;
using Xunit;

namespace Ksplice.Diff.Tests;

public class DiffCaseParserTests
{
    [Fact]
    public void Parses_names_lists_refusals_twins_and_flags()
    {
        var cases = DiffCaseParser.Parse("""
            # comment

            plain:
            printk-quoth kernel/printk/printk.o: changed=b,a new=c refused=x:DataSizeChanged twins=calls.2>calls.0 flags=-fipa-cp-clone
            """, "t.txt");
        Assert.Equal(2, cases.Count);
        var plain = cases[0].Expect;
        Assert.All(new[] { plain.Changed, plain.New, plain.Removed, plain.DataNew, plain.DataChanged, plain.DataRemoved, plain.Refused }, Assert.Empty);
        Assert.Empty(plain.Twins);
        var c = cases[1];
        Assert.Equal("printk-quoth kernel/printk/printk.o", c.Name);
        Assert.Equal("t.txt:4", c.Where);
        Assert.Equal(["a", "b"], c.Expect.Changed);
        Assert.Equal(["c"], c.Expect.New);
        Assert.Equal(["x:DataSizeChanged"], c.Expect.Refused);
        Assert.Equal([("calls.2", "calls.0")], c.Expect.Twins);
        Assert.Equal(["-fipa-cp-clone"], c.Flags);
    }

    [Theory]
    [InlineData("no colon here", "expected 'name: key=value")]
    [InlineData("case: changed", "is not key=value")]
    [InlineData("case: changd=f", "unknown key 'changd'")]
    [InlineData("case: new=a new=b", "key 'new' given twice")]
    [InlineData("case: refused=x", "is not symbol:Reason")]
    [InlineData("case: refused=x:NoSuchReason", "is not symbol:Reason")]
    [InlineData("case: twins=a", "is not post>pre")]
    public void A_malformed_line_is_reported_with_file_and_line(string line, string message)
    {
        var e = Assert.Throws<CaseFileException>(() => DiffCaseParser.Parse($"# header\nok: changed=f\n{line}\n", "cases.txt"));
        Assert.StartsWith("cases.txt:3: ", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_repeated_case_name_is_reported_at_the_second_line()
    {
        var e = Assert.Throws<CaseFileException>(() => DiffCaseParser.Parse("a: new=x\nb:\na: new=y\n", "cases.txt"));
        Assert.StartsWith("cases.txt:3: ", e.Message);
    }
}
