using System.Text.Json.Nodes;
using Ksplice.Package.Manifest;
using Xunit;

namespace Ksplice.Package.Tests;

/// <summary>Every malformed field is refused with a message that names it, never with an exception from deeper down.</summary>
public class ManifestFieldTests
{
    private const string Remove = "<remove>";

    [Theory]
    [InlineData("format", "1.5", "format")]
    [InlineData("format", "\"1\"", "format")]
    [InlineData("format", Remove, "format")]
    [InlineData("id", "null", "id")]
    [InlineData("id", Remove, "id")]
    [InlineData("id", "\"\"", "id")]
    [InlineData("id", "\"../x\"", "id")]
    [InlineData("id", "\"UPPER\"", "id")]
    [InlineData("id", "\"abcdefghijabcdefghijabcdefghijabc\"", "id")]
    [InlineData("id", "7", "id")]
    [InlineData("tool", "null", "tool")]
    [InlineData("tool", "\"\"", "tool")]
    [InlineData("created", "\"yesterday\"", "created")]
    [InlineData("kernel", "null", "kernel")]
    [InlineData("kernel.release", "\"\"", "kernel.release")]
    [InlineData("kernel.release", Remove, "release")]
    [InlineData("targets", "[]", "targets")]
    [InlineData("targets", "null", "targets")]
    [InlineData("targets[0]", "null", "targets[0]")]
    [InlineData("targets[0].name", "\"\"", "targets[0].name")]
    [InlineData("targets[0].objects", "[]", "targets[0].objects")]
    [InlineData("targets[0].objects[0]", "\"/etc/passwd.o\"", "targets[0].objects[0]")]
    [InlineData("targets[0].objects[0]", "\"../../etc/evil.o\"", "targets[0].objects[0]")]
    [InlineData("targets[0].objects[0]", "\"kernel/../../evil.o\"", "targets[0].objects[0]")]
    [InlineData("targets[0].objects[0]", "\"printk.o\"", "targets[0].objects[0]")]
    [InlineData("targets[0].objects[0]", "\"kernel/printk/printk.c\"", "targets[0].objects[0]")]
    [InlineData("targets[0].objects[0]", "\"kernel//printk.o\"", "targets[0].objects[0]")]
    [InlineData("targets[0].objects[0]", "\"kernel\\\\printk.o\"", "targets[0].objects[0]")]
    [InlineData("targets[0].objects[0]", "null", "targets[0].objects[0]")]
    [InlineData("functions[0].change", "\"bogus\"", "functions[0].change")]
    [InlineData("functions[0].change", "1", "functions[0].change")]
    [InlineData("functions[0].object", "\"kernel/other.o\"", "functions[0].object")]
    [InlineData("functions[0].target", "\"xfs\"", "functions[0].target")]
    [InlineData("functions[0].name", Remove, "name")]
    [InlineData("data[0].change", "\"changed\"", "data[0].change")]
    [InlineData("data[0].size", "-1", "data[0].size")]
    [InlineData("symbols[0].kind", "\"code\"", "symbols[0].kind")]
    [InlineData("symbols[0].object", "\"/abs.o\"", "symbols[0].object")]
    [InlineData("symbols[0].placeholder", "\"\"", "symbols[0].placeholder")]
    [InlineData("patches[0].old", "\"__ksplice_sym_9\"", "patches[0].old")]
    [InlineData("patches[0].preSize", "0", "patches[0].preSize")]
    [InlineData("patches[0].preSize", "1e3", "patches[0].preSize")]
    [InlineData("patches[0].target", "\"xfs\"", "patches[0].target")]
    [InlineData("patches[0].name", "null", "patches[0].name")]
    [InlineData("patches[0].trampolineOffset", "-5", "patches[0].trampolineOffset")]
    [InlineData("patches[0].expectSymbol", "\"\"", "patches[0].expectSymbol")]
    [InlineData("files", "{\"patch\": \"zz\"}", "files.patch")]
    [InlineData("files", "{\"../x\": \"00\"}", "files")]
    [InlineData("files", "[]", "files")]
    [InlineData("functions", "[{\"name\": \"_printk\", \"symbol\": \"_printk\", \"object\": \"kernel/printk/printk.o\", \"target\": \"vmlinux\", \"section\": \".text._printk\", \"change\": \"changed\"}, {\"name\": \"_printk\", \"symbol\": \"_printk\", \"object\": \"kernel/printk/printk.o\", \"target\": \"vmlinux\", \"section\": \".text._printk\", \"change\": \"new\"}]", "functions[1]")]
    [InlineData("data", "[{\"name\": \"q\", \"object\": \"kernel/printk/printk.o\", \"target\": \"vmlinux\", \"section\": \".data\", \"change\": \"new\", \"size\": 4}, {\"name\": \"q\", \"object\": \"kernel/printk/printk.o\", \"target\": \"vmlinux\", \"section\": \".data\", \"change\": \"new\", \"size\": 4}]", "data[1]")]
    [InlineData("hooks[0].kind", "\"check apply; rm\"", "hooks[0].kind")]
    [InlineData("hooks[0].kind", "\"\"", "hooks[0].kind")]
    [InlineData("hooks[0].function", "\"\"", "hooks[0].function")]
    [InlineData("hooks[0].object", "\"kernel/other.o\"", "hooks[0].object")]
    [InlineData("hooks[0]", "null", "hooks[0]")]
    [InlineData("hooks", "null", "hooks")]
    [InlineData("targets", Remove, "targets")]
    [InlineData("targets[0].objects", Remove, "objects")]
    [InlineData("functions", Remove, "functions")]
    [InlineData("data", Remove, "data")]
    [InlineData("symbols", Remove, "symbols")]
    [InlineData("patches", Remove, "patches")]
    public void A_malformed_field_is_named(string field, string value, string named)
    {
        var json = Mutate(ManifestJson.Serialize(SamplePackage.Manifest("abc123")), field, value);
        var e = Assert.Throws<InvalidUpdateException>(() => ManifestJson.Deserialize(json, "ksplice-abc123/manifest.json"));
        Assert.StartsWith("ksplice-abc123/manifest.json: ", e.Message);
        Assert.Contains($"'{named}'", e.Message);
    }

    [Fact]
    public void A_repeated_property_is_refused()
    {
        var json = ManifestJson.Serialize(SamplePackage.Manifest("abc123")).Replace("\"id\": \"abc123\",", "\"id\": \"abc123\", \"id\": \"other\",");
        var e = Assert.Throws<InvalidUpdateException>(() => ManifestJson.Deserialize(json, "manifest.json"));
        Assert.Contains("id", e.Message);
    }

    /// <summary>Sets (or removes) the value at a path such as <c>targets[0].objects[0]</c>.</summary>
    private static string Mutate(string json, string path, string value)
    {
        var root = JsonNode.Parse(json)!;
        var steps = path.Replace("]", "").Split('.', '[');
        JsonNode parent = root;
        foreach (var step in steps[..^1])
            parent = int.TryParse(step, out var i) ? parent[i]! : parent[step]!;
        var last = steps[^1];
        var replacement = value == Remove ? null : JsonNode.Parse(value);
        if (int.TryParse(last, out var index)) parent[index] = replacement;
        else if (value == Remove) parent.AsObject().Remove(last);
        else parent[last] = replacement;
        return root.ToJsonString();
    }
}
