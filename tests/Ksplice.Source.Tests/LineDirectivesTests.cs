using Ksplice.Source.Patches;
using Ksplice.Source.Process;
using Xunit;

namespace Ksplice.Source.Tests;

public class LineDirectivesTests
{
    [Fact]
    public void Common_lines_of_an_insertion_and_a_deletion()
    {
        var pairs = LineDiff.CommonLines(["a", "b", "c", "d"], ["a", "x", "b", "d"]);
        Assert.Equal([(0, 0), (1, 2), (3, 3)], pairs);
    }

    [Fact]
    public void Added_line_gets_a_directive_that_restores_the_numbers_below()
    {
        var pre = "int a;\nint f(void)\n{\n\treturn 1;\n}\nint g(void)\n{\n\treturn __LINE__;\n}\n";
        var post = "int a;\nint b;\nint f(void)\n{\n\treturn 1;\n}\nint g(void)\n{\n\treturn __LINE__;\n}\n";
        var result = LineDirectives.Preserve(pre, post);
        Assert.Equal("int a;\nint b;\n#line 2\nint f(void)\n{\n\treturn 1;\n}\nint g(void)\n{\n\treturn __LINE__;\n}\n", result);
    }

    [Fact]
    public void Unchanged_numbering_adds_nothing()
    {
        var pre = "int f(void)\n{\n\treturn 1;\n}\n";
        var post = "int f(void)\n{\n\treturn 2;\n}\n";
        Assert.Equal(post, LineDirectives.Preserve(pre, post));
    }

    [Fact]
    public void No_directive_inside_a_comment_or_after_a_continued_line()
    {
        var pre = "/*\n * text\n */\n#define X(a) \\\n\t(a)\nint y;\n";
        var post = "/*\n * new line\n * text\n */\n#define X(a) \\\n\t(a)\nint y;\n";
        var result = LineDirectives.Preserve(pre, post).Split('\n');
        // The first safe place is after the comment closes: " */" then "#line 3".
        Assert.Equal(" */", result[3]);
        Assert.Equal("#line 4", result[4]);
        Assert.DoesNotContain(result, l => l.StartsWith("#line", StringComparison.Ordinal) && Array.IndexOf(result, l) is 1 or 2 or 6);
    }

    [Fact]
    public void Compiled_line_numbers_match_the_original_after_the_directive()
    {
        // Checked with the compiler: __LINE__ in g() must be the same before and after the patch.
        var pre = "int f(void)\n{\n\treturn 1;\n}\nint g(void) { return __LINE__; }\n";
        var post = "int f(void)\n{\n\tint x = 1;\n\treturn x;\n}\nint g(void) { return __LINE__; }\n";
        var preserved = LineDirectives.Preserve(pre, post);
        Assert.Equal(LineOfG(pre), LineOfG(preserved));
    }

    private static string LineOfG(string source)
    {
        var dir = Directory.CreateTempSubdirectory("ksplice-line-").FullName;
        var c = Path.Combine(dir, "t.c");
        File.WriteAllText(c, source);
        var r = ProcessRunner.Default.RunChecked("gcc-12", "-E", "-P", c);
        return r.StandardOutput.Split('\n').Single(l => l.Contains("int g", StringComparison.Ordinal));
    }
}
