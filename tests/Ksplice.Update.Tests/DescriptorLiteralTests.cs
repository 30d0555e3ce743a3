using System.Text;
using Ksplice.Source.Process;
using Ksplice.Update.Generation;
using Xunit;

namespace Ksplice.Update.Tests;

/// <summary>Symbol names reach the generated C as string literals; a hostile or non-ASCII name must neither throw nor break out of the string.</summary>
public sealed class DescriptorLiteralTests
{
    [Theory]
    [InlineData("caf\u00e9_fn", "\"caf\\303\\251_fn\"")]
    [InlineData("plain.constprop.0", "\"plain.constprop.0\"")]
    [InlineData("q\"\\", "\"q\\\"\\\\\"")]
    [InlineData("nl\n1", "\"nl\\0121\"")]
    public void Non_ascii_and_special_characters_become_octal_escapes(string name, string literal) =>
        Assert.Equal(literal, DescriptorSource.Literal(name));

    [Fact]
    public void The_compiled_literal_holds_the_names_utf8_bytes()
    {
        const string name = "sym_\u00e9\u4e2d\"); system(\"x\n\t??=7";
        var dir = Directory.CreateTempSubdirectory("ksplice-literal-").FullName;
        try
        {
            var c = Path.Combine(dir, "t.c");
            File.WriteAllText(c, $"#include <stdio.h>\nstatic const char s[] = {DescriptorSource.Literal(name)};\nint main(void) {{ fwrite(s, 1, sizeof(s) - 1, stdout); return 0; }}\n");
            ProcessRunner.Default.RunChecked("gcc-12", "-Wall", "-Werror", "-o", Path.Combine(dir, "t"), c);
            var output = ProcessRunner.Default.RunChecked(Path.Combine(dir, "t"));
            Assert.Equal(Encoding.UTF8.GetBytes(name), output.StandardOutputBytes);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
