using System.Text;
using Ksplice.Source.Patches;
using Ksplice.Source.Process;
using Ksplice.Source.Trees;
using Xunit;

namespace Ksplice.Source.Tests.Security;

/// <summary>Patches whose file names would make GNU patch write somewhere other than the files the tool believes changed.</summary>
public sealed class PatchNameAttackTests : IDisposable
{
    private readonly SmallTree _tree = new();
    private static readonly ProcessRunner Runner = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Old_and_new_names_that_differ_are_refused_and_the_Makefile_is_untouched()
    {
        var post = _tree.OpenPost();
        var before = _tree.Snapshot();
        // GNU patch picks the name with fewer components (Makefile) while the +++ line says a .c file changed.
        var patch = SourcePatch.FromText("--- a/Makefile\n+++ b/kernel/printk/printk.c\n@@ -1,2 +1,3 @@\n all:\n+$(shell touch /tmp/ksplice-pwned)\n \t@echo built\n");
        Assert.Equal(["kernel/printk/printk.c"], patch.Files.Select(f => f.Path));
        var e = Assert.Throws<KspliceSourceException>(() => PatchApplier.Apply(post, patch, Runner));
        Assert.Contains("Makefile", e.Message, StringComparison.Ordinal);
        Assert.Contains("kernel/printk/printk.c", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, _tree.Snapshot());
    }

    [Fact]
    public void A_name_climbing_out_of_the_tree_is_refused_when_the_patch_is_read()
    {
        var text = "--- a/kernel/sys.c\n+++ b/kernel/sys.c\n@@ -1 +1 @@\n-int sys_value = 2;\n+int sys_value = 3;\n"
                   + "--- a/tools/../../victim\n+++ b/tools/../../victim\n@@ -1 +1 @@\n-precious\n+overwritten\n";
        var e = Assert.Throws<KspliceSourceException>(() => SourcePatch.FromText(text));
        Assert.Contains("tools/../../victim", e.Message, StringComparison.Ordinal);
        Assert.Contains("'..'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deletion_whose_old_name_climbs_out_of_the_tree_is_refused_and_nothing_outside_changes()
    {
        _tree.OpenPost();
        var before = _tree.Snapshot();
        var e = Assert.Throws<KspliceSourceException>(() => SourcePatch.FromText("--- a/../victim\n+++ /dev/null\n@@ -1 +0,0 @@\n-precious\n"));
        Assert.Contains("../victim", e.Message, StringComparison.Ordinal);
        Assert.Contains("'..'", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, _tree.Snapshot());
        Assert.Equal("precious\n", File.ReadAllText(_tree.VictimPath));
    }

    [Fact]
    public void A_climbing_deletion_hidden_from_the_touched_list_is_refused_by_the_apply_and_nothing_outside_changes()
    {
        var post = _tree.OpenPost();
        var before = _tree.Snapshot();
        // A record the reader never made: its list names only kernel/sys.c, its bytes also delete ../victim.
        const string text = "--- a/kernel/sys.c\n+++ b/kernel/sys.c\n@@ -1 +1 @@\n-int sys_value = 2;\n+int sys_value = 3;\n"
                            + "--- a/../victim\n+++ /dev/null\n@@ -1 +0,0 @@\n-precious\n";
        var patch = new SourcePatch(text, SourcePatch.DefaultOptions, [new TouchedFile("kernel/sys.c", FileChangeKind.Modified)])
        {
            Bytes = Encoding.UTF8.GetBytes(text),
        };
        Assert.ThrowsAny<KspliceSourceException>(() => PatchApplier.Apply(post, patch, Runner));
        Assert.Equal(before, _tree.Snapshot());
        Assert.Equal("precious\n", File.ReadAllText(_tree.VictimPath));
    }

    [Fact]
    public void An_absolute_name_is_refused_when_the_patch_is_read()
    {
        var e = Assert.Throws<KspliceSourceException>(() => SourcePatch.FromText($"--- {_tree.VictimPath}\n+++ {_tree.VictimPath}\n@@ -1 +1 @@\n-precious\n+x\n", ["-p0"]));
        Assert.Contains("absolute", e.Message, StringComparison.Ordinal);
        Assert.Equal("precious\n", File.ReadAllText(_tree.VictimPath));
    }

    [Fact]
    public void A_climbing_old_name_changes_only_the_file_the_tool_records()
    {
        var post = _tree.OpenPost();
        var outside = _tree.Snapshot().Where(e => !e.StartsWith("post/", StringComparison.Ordinal)).ToList();
        // GNU patch skips the --- name with '..' and patches the +++ name: what it changes is what the tool records.
        var patch = SourcePatch.FromText("--- a/kernel/../../victim\n+++ b/kernel/sys.c\n@@ -1 +1 @@\n-int sys_value = 2;\n+int sys_value = 3;\n");
        Assert.Equal(["kernel/sys.c"], PatchApplier.Apply(post, patch, Runner));
        Assert.Equal(["kernel/sys.c"], PostTreeState.TryRead(post.Path)!.Touched);
        Assert.Equal(outside, _tree.Snapshot().Where(e => !e.StartsWith("post/", StringComparison.Ordinal)).ToList());
        Assert.Equal("precious\n", File.ReadAllText(_tree.VictimPath));
    }

    [Fact]
    public void A_patch_through_a_symlinked_directory_is_refused_and_its_target_untouched()
    {
        var outside = Path.Combine(_tree.Root, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "f.c"), "int f;\n");
        Directory.CreateSymbolicLink(Path.Combine(_tree.SourcePath, "kernel", "link"), outside);
        var post = _tree.OpenPost();
        var before = _tree.Snapshot();
        var patch = SourcePatch.FromText("--- a/kernel/link/f.c\n+++ b/kernel/link/f.c\n@@ -1 +1 @@\n-int f;\n+int f = 1;\n");
        var e = Assert.ThrowsAny<KspliceSourceException>(() => PatchApplier.Apply(post, patch, Runner));
        Assert.Contains("kernel/link", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, _tree.Snapshot());
    }

    [Fact]
    public void A_tampered_touched_list_never_deletes_outside_the_post_tree()
    {
        var post = _tree.OpenPost();
        Assert.Throws<KspliceSourceException>(() => post.RecordTouched(["../victim"]));
        File.WriteAllText(PostTreeState.StatePath(post.Path), $"{{\"SourcePath\": \"{_tree.SourcePath}\", \"Touched\": [\"../victim\"]}}");
        Assert.Equal(["../victim"], PostTreeState.TryRead(post.Path)!.Touched);
        Assert.Throws<KspliceSourceException>(() => _tree.OpenPost());
        Assert.Equal("precious\n", File.ReadAllText(_tree.VictimPath));
    }

    [Fact]
    public void A_latin1_patch_reaches_gnu_patch_byte_for_byte()
    {
        var latin1 = Encoding.Latin1;
        File.WriteAllBytes(Path.Combine(_tree.SourcePath, "kernel", "sys.c"), latin1.GetBytes("/* Caf\u00e9 */\nint sys_value = 2;\n"));
        var post = _tree.OpenPost();
        var bytes = latin1.GetBytes("--- a/kernel/sys.c\n+++ b/kernel/sys.c\n@@ -1,2 +1,2 @@\n-/* Caf\u00e9 */\n+/* Na\u00efve */\n int sys_value = 2;\n");
        var patch = SourcePatch.FromBytes(bytes);
        Assert.Equal(["kernel/sys.c"], PatchApplier.Apply(post, patch, Runner));
        Assert.Equal(latin1.GetBytes("/* Na\u00efve */\nint sys_value = 2;\n"), File.ReadAllBytes(post.FullPath("kernel/sys.c")));
    }

    [Theory]
    [InlineData("-o /tmp/out")]
    [InlineData("-d /etc")]
    [InlineData("--directory=/etc")]
    [InlineData("-i /tmp/other.patch")]
    [InlineData("-p1 --posix")]
    public void Patch_options_that_change_where_patch_writes_are_refused(string option)
    {
        var e = Assert.Throws<KspliceSourceException>(() => SourcePatch.FromText("--- a/kernel/sys.c\n+++ b/kernel/sys.c\n@@ -1 +1 @@\n-a\n+b\n", [option]));
        Assert.Contains("--patch-opt", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-p1")]
    [InlineData("-p 0")]
    [InlineData("--strip=2 -R -F 3 --fuzz=1 -l")]
    public void Patch_options_that_only_say_how_to_read_the_patch_are_accepted(string option) =>
        Assert.Single(SourcePatch.FromText("--- a/x/kernel/sys.c\n+++ b/x/kernel/sys.c\n@@ -1 +1 @@\n-a\n+b\n", [option]).Files);

    [Fact]
    public void Reported_names_are_read_as_gnu_patch_quotes_them()
    {
        const string output = "checking file 'sp ace.c'\nchecking file \"it's.c\"\npatching file new.c (renamed from old.c)\nchecking file plain.c\n";
        Assert.Equal(["sp ace.c", "it's.c", "old.c", "new.c", "plain.c"], PatchOutput.ReportedFiles(output));
        Assert.Equal(["tools/../../x"], PatchOutput.IgnoredNames("Ignoring potentially dangerous file name tools/../../x\n"));
    }

    [Fact]
    public void A_git_rename_onto_another_file_is_refused()
    {
        var post = _tree.OpenPost();
        var before = _tree.Snapshot();
        var patch = SourcePatch.FromText("--- a/kernel/sys.c\n+++ b/kernel/sys.c\n@@ -1 +1 @@\n-int sys_value = 2;\n+int sys_value = 3;\n"
                                         + "diff --git a/Makefile b/kernel/new.c\nsimilarity index 100%\nrename from Makefile\nrename to kernel/new.c\n");
        var e = Assert.Throws<KspliceSourceException>(() => PatchApplier.Apply(post, patch, Runner));
        Assert.Contains("Makefile", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, _tree.Snapshot());
    }
}
