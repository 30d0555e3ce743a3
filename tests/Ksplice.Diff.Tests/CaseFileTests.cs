using Ksplice.TestSupport.Cases;
using Xunit;

namespace Ksplice.Diff.Tests;

/// <summary>The one reader of the data-driven tests' case files (tests/Ksplice.TestSupport/Cases).</summary>
public class CaseFileTests
{
    [Fact]
    public void Cases_keep_their_line_numbers_without_comments_and_blank_lines()
    {
        var cases = CaseFile.Parse("# header\n\nfirst  a\tb   # trailing comment\n   # indented comment\r\nsecond x#y\n", "t.txt");

        Assert.Equal(2, cases.Count);
        Assert.Equal("t.txt:3", cases[0].Where);
        Assert.Equal("first  a\tb", cases[0].Text);
        Assert.Equal(["first", "a", "b"], cases[0].Fields);
        Assert.Equal("t.txt:5", cases[1].Where);
        Assert.Equal(["second", "x#y"], cases[1].Fields);
    }

    [Fact]
    public void Rest_is_the_text_after_the_first_fields()
    {
        var line = Assert.Single(CaseFile.Parse("membership  module   xfs  # note", "m.txt"));

        Assert.Equal("module   xfs", line.Rest(1));
        Assert.Equal("xfs", line.Rest(2));
        Assert.Equal("", line.Rest(3));
    }

    [Fact]
    public void An_error_names_the_file_and_line_of_the_case()
    {
        var line = CaseFile.Parse("# one\n\nbad case\n", "site-forms.txt")[0];

        var e = line.Error("expected FUNCTION+OFFSET EXPECT BYTES...");

        Assert.Equal("site-forms.txt:3: expected FUNCTION+OFFSET EXPECT BYTES...", e.Message);
        Assert.Equal("site-forms.txt", e.File);
        Assert.Equal(3, e.Line);
        Assert.IsAssignableFrom<FormatException>(e);
    }

    [Fact]
    public void A_file_is_named_by_its_file_name()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("ksplice-cases-").FullName, "cases.txt");
        File.WriteAllText(path, "# c\nonly: new=x\n");

        var line = Assert.Single(CaseFile.ReadPath(path));

        Assert.Equal("cases.txt:2", line.Where);
    }
}
