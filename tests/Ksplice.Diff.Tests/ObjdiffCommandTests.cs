using Ksplice.Diff.Model;
using Ksplice.Elf.IO;
using Xunit;

namespace Ksplice.Diff.Tests;

/// <summary>The objdiff command and the printer: exit codes and the stable line format.</summary>
public class ObjdiffCommandTests
{
    /// <summary>docs/DESIGN.md section 5: as ksplice-create would exit for the same objects.</summary>
    [Theory]
    [InlineData("identical", 66)]
    [InlineData("changed-body", 0)]
    [InlineData("global-init-value", 1)]
    public void Exit_code_says_whether_anything_changed_or_was_refused(string name, int expected)
    {
        var c = FixtureCases.Get(name);
        var output = new StringWriter();
        var code = ObjdiffCommand.Run(FixtureSources.Compile(c, "pre"), FixtureSources.Compile(c, "post"), output);
        Assert.Equal(expected, code);
        if (expected == 66) Assert.Equal("no changes" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void An_unreadable_input_is_an_error_with_a_message_not_an_exception()
    {
        var output = new StringWriter();
        var missing = Path.Combine(Path.GetTempPath(), "ksplice-objdiff-missing-" + Guid.NewGuid() + ".o");
        Assert.Equal(1, ObjdiffCommand.Run(missing, missing, output));
        Assert.StartsWith("objdiff: error: ", output.ToString());
    }

    [Fact]
    public void Printer_writes_one_line_per_item_in_a_stable_format()
    {
        var lines = Print("new-function").Concat(Print("global-init-value")).Concat(Print("new-global")).Concat(Print("const-table")).ToList();
        Assert.Contains("changed function caller (.text.caller): bytes differ at +0x5", lines);
        Assert.Contains(lines, l => l.StartsWith("new function added (.text.added", StringComparison.Ordinal));
        Assert.Contains("new data new_value (.data.new_value, 4 bytes)", lines);
        Assert.Contains(lines, l => l.StartsWith("refused data limit: the patch changes the initial value of an existing variable", StringComparison.Ordinal)
            && l.EndsWith("(.data.limit: bytes +0x0..+0x0: 05 -> 06)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("changed data table (.rodata.table, 32 bytes): bytes differ at +0x1c; included as a new copy", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("changed function lookup (.text.lookup): relocation at +0x", StringComparison.Ordinal)
            && l.Contains("refers to changed read-only data table", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("bug-line", "warner", "__bug_table entry at +0x9: line 3 -> 4")]
    [InlineData("string-changed", "speak", "refers to \"alphA %d\\n\", was \"alpha %d\\n\"")]
    [InlineData("cold-part", "check", "cold part check.cold: relocation at +0x")]
    [InlineData("jump-label-key", "brancher", "__jump_table entry at +0x7: relocation at +0x8 refers to key_b, was key_a")]
    public void A_changed_function_says_why(string name, string function, string reason)
    {
        var diff = FixtureDiffTests.Compare(FixtureCases.Get(name));
        var change = Assert.Single(diff.Functions, f => f.Name == function);
        Assert.Contains(reason, change.Reason);
    }

    [Fact]
    public void Verbose_output_names_renamed_twins_and_notes()
    {
        var lines = Print("init-callee-rename", verbose: true).Concat(Print("constprop-renumbered", verbose: true))
            .Concat(Print("global-init-value", verbose: true)).ToList();
        var refusal = lines.FindIndex(l => l.StartsWith("refused data limit:", StringComparison.Ordinal));
        Assert.StartsWith("  remedy: keep the old initializer", lines[refusal + 1]);
        Assert.Contains(lines, l => l.StartsWith("twin scale.constprop.1 = scale.constprop.0 (clone suffix", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("note: init function setup_thing (.init.text) differs only by callee renames", StringComparison.Ordinal));
    }

    [Fact]
    public void The_result_gives_the_update_each_function_s_special_entries()
    {
        var diff = FixtureDiffTests.Compare(FixtureCases.Get("jump-label-key"));
        var unit = diff.PostIndex!.Units.Single(u => u.Name == "brancher");
        var entry = Assert.Single(diff.PostIndex.EntriesOf(unit));
        Assert.Equal("__jump_table", entry.Entry.Kind.Name);
        Assert.Equal(0, entry.Part);
    }

    [Fact]
    public void A_linked_image_is_rejected_with_the_remedy()
    {
        var c = FixtureCases.Get("identical");
        var obj = ElfReader.ReadFile(FixtureSources.Compile(c, "pre"));
        var image = new Ksplice.Elf.Model.ElfObject(Ksplice.Elf.Model.ElfFileType.Executable);
        var e = Assert.Throws<ArgumentException>(() => ObjectDiffer.Compare("x.o", obj, image));
        Assert.Contains("Give the objects kbuild built", e.Message);
    }

    private static IReadOnlyList<string> Print(string name, bool verbose = false) =>
        ObjectDiffPrinter.Print(FixtureDiffTests.Compare(FixtureCases.Get(name)), verbose);
}
