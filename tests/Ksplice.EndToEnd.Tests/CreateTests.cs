using Ksplice.Corpus;
using Ksplice.Package.Manifest;
using Ksplice.Source.Process;
using Ksplice.TestSupport;
using Xunit;

namespace Ksplice.EndToEnd.Tests;

/// <summary>ksplice-create on the real Debian tree, as a user runs it: what it writes, and how it refuses bad input.</summary>
public class CreateTests
{
    private static KernelTree Tree => KspliceTool.Tree;

    private static string Scratch(string name) => Tree.Scratch("e2e-" + name);

    [Fact]
    public void Printk_quoth_changes_only_printk()
    {
        var run = KspliceTool.Create(VisibleCorpus.Named("printk-quoth"));
        Assert.True(run.ExitCode == 0, run.Describe());
        var f = Assert.Single(run.Manifest.Functions);
        Assert.Equal(("_printk", FunctionChangeKind.Changed, "kernel/printk/printk.o", "vmlinux"), (f.Name, f.Change, f.Object, f.Target));
        Assert.Contains("Ksplice update tarball written to ksplice-printk_quoth.tar.gz", run.Output);
        var m = run.Manifest;
        Assert.Equal(Tree.Headers.Release, m.Kernel.Release);
        Assert.Equal(Tree.Headers.Version, m.Kernel.Version);
        Assert.Contains("gcc-12", m.Kernel.Compiler);
    }

    [Fact]
    public void New_globals_names_the_functions_of_both_objects()
    {
        var run = KspliceTool.Create(VisibleCorpus.Named("new-globals"));
        Assert.True(run.ExitCode == 0, run.Describe());
        var functions = run.Manifest.Functions.Select(f => (f.Name, f.Change, f.Object)).Order().ToList();
        Assert.Equal([("kpatch_print_message", FunctionChangeKind.New, "fs/proc/cmdline.o"), ("meminfo_proc_show", FunctionChangeKind.Changed, "fs/proc/meminfo.o")], functions);
        Assert.Equal(["fs/proc/cmdline.o", "fs/proc/meminfo.o"], run.Manifest.Targets.Single().Objects.Order());
    }

    [Fact]
    public void Module_patch_targets_the_module()
    {
        var run = KspliceTool.Create(VisibleCorpus.Named("module-xfs"));
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains(run.Manifest.Targets, t => t.Name == "xfs");
    }

    [Fact]
    public void Hunks_applied_with_fuzz_are_reported()
    {
        // Written for another kernel, this corpus patch only applies by ignoring a line of context.
        var run = KspliceTool.Create(VisibleCorpus.Named("gcc-static-local-var-2"));
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("warning: mm/mmap.c: Hunk #1 succeeded at", run.Error);
        Assert.Contains("with fuzz", run.Error);
    }

    [Fact]
    public void Line_number_only_change_is_no_change()
    {
        var run = KspliceTool.Create(VisibleCorpus.Named("warn-detect"));
        Assert.True(run.ExitCode == 66, run.Describe());
        Assert.Contains("No changes detected", run.Error);
    }

    [Fact]
    public void Comment_only_patch_is_no_change()
    {
        var patch = WritePatch("comment", """
            --- a/kernel/sys.c
            +++ b/kernel/sys.c
            @@ -1,4 +1,5 @@
             // SPDX-License-Identifier: GPL-2.0
            +/* A comment changes no object code. */
             /*
              *  linux/kernel/sys.c
              *
            """);
        var run = KspliceTool.Create("comment", [$"--patch={patch}"], [patch]);
        Assert.True(run.ExitCode == 66, run.Describe());
        Assert.Contains("No changes detected", run.Error);
    }

    [Fact]
    public void Missing_tree_is_refused()
    {
        var r = KspliceTool.Run(Scratch("missing"), "create", "--patch=/dev/null", "/nonexistent/linux");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("/nonexistent/linux", r.StandardError);
    }

    [Fact]
    public void Bad_id_is_refused_before_anything_is_built()
    {
        var r = KspliceTool.Run(Scratch("bad-id"), "create", "--id=far_too_long_an_id_for_an_update_0123", $"--patch={VisibleCorpus.Named("cmdline-string").PatchPath}", Tree.TreePath);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("an update id is 1 to 32 characters of [a-z0-9_]", r.StandardError);
        Assert.DoesNotContain("Building", r.StandardError);
    }

    [Fact]
    public void Missing_config_is_refused()
    {
        var empty = Scratch("noconfig");
        var r = KspliceTool.Run(empty, "create", $"--patch={VisibleCorpus.Named("cmdline-string").PatchPath}", $"--config={empty}", Tree.TreePath);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(".config", r.StandardError);
    }

    [Fact]
    public void Patch_that_does_not_apply_is_refused_and_the_tree_is_untouched()
    {
        var file = Path.Combine(Tree.TreePath, "kernel", "sys.c");
        var before = File.ReadAllBytes(file);
        var patch = WritePatch("noapply", """
            --- a/kernel/sys.c
            +++ b/kernel/sys.c
            @@ -10,3 +10,3 @@
             #include <linux/export.h>
            -this line is not in sys.c
            +int ksplice_never;
             #include <linux/mm.h>
            """);
        var r = KspliceTool.Run(Scratch("noapply"), "create", $"--patch={patch}", "--id=noapply", Tree.TreePath);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("does not apply", r.StandardError);
        Assert.Contains("kernel/sys.c", r.StandardError);
        Assert.Equal(before, File.ReadAllBytes(file));
    }

    [Fact]
    public void Diffext_that_matches_no_file_is_refused()
    {
        var r = KspliceTool.Run(Scratch("diffext"), "create", "--diffext=.no_such_extension", Tree.TreePath);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(".no_such_extension", r.StandardError);
    }

    [Fact]
    public void Other_compiler_than_the_kernels_is_refused()
    {
        var config = Scratch("othercc");
        var text = File.ReadAllText(Path.Combine(Tree.ConfigDirPath, ".config"))
            .Replace("CONFIG_CC_VERSION_TEXT=\"gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0\"", "CONFIG_CC_VERSION_TEXT=\"gcc-12 (Debian 12.2.0-99) 12.2.0\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(config, ".config"), text);
        var r = KspliceTool.Run(config, "create", $"--patch={VisibleCorpus.Named("cmdline-string").PatchPath}", $"--config={config}", Tree.TreePath);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("12.2.0-99", r.StandardError);
        Assert.Contains("12.2.0-14+deb12u1", r.StandardError);
    }

    [Fact]
    public void Build_error_shows_the_compilers_message()
    {
        var patch = WritePatch("builderror", """
            --- a/fs/proc/cmdline.c
            +++ b/fs/proc/cmdline.c
            @@ -6,8 +6,8 @@
             
             static int cmdline_proc_show(struct seq_file *m, void *v)
             {
            -	seq_puts(m, saved_command_line);
            +	seq_puts(m, saved_command_line)
             	seq_putc(m, '\n');
             	return 0;
             }
             
            """);
        var r = KspliceTool.Run(Scratch("builderror"), "create", $"--patch={patch}", "--id=builderror", Tree.TreePath);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("fs/proc/cmdline.c", r.StandardError);
        Assert.Contains("error:", r.StandardError);
    }

    /// <summary>
    /// The member added to struct devkmsg_user is refused; with --allow-type-change naming that type the update is
    /// written, and the allowance heads its description, which ksplice-view shows before anything else.
    /// </summary>
    [Fact]
    public void Allow_type_change_writes_the_update_and_heads_its_description_with_a_warning()
    {
        var c = ProjectCases.All.Single(c => c.Name == "printk-struct-member-refused");
        var refused = KspliceTool.Create(c);
        Assert.True(refused.ExitCode == 1, refused.Describe());
        Assert.Contains("--allow-type-change='struct devkmsg_user'", refused.Error);

        var run = KspliceTool.Create("devkmsg_allowed", [$"--patch={c.PatchPath}", "--allow-type-change=struct devkmsg_user"], [c.PatchPath]);
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.StartsWith("WARNING: type change allowed by the author: struct devkmsg_user", run.Manifest.Description);
        var view = KspliceTool.Run(Scratch("view-allowed"), "view", $"--file={run.Tarball}");
        Assert.Equal(0, view.ExitCode);
        Assert.Contains("WARNING: type change allowed by the author: struct devkmsg_user", view.StandardOutput);

        var misspelt = KspliceTool.Create("devkmsg_misspelt", [$"--patch={c.PatchPath}", "--allow-type-change=struct devkmsg_usr"], [c.PatchPath]);
        Assert.True(misspelt.ExitCode == 1, misspelt.Describe());
        Assert.Contains("--allow-type-change='struct devkmsg_usr' matches no type change", misspelt.Error);
    }

    [Fact]
    public void View_file_prints_the_summary_and_the_patch()
    {
        var run = KspliceTool.Create(VisibleCorpus.Named("cmdline-string"));
        var r = KspliceTool.Run(Scratch("view"), "view", $"--file={run.Tarball}");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Ksplice update cmdline_string", r.StandardOutput);
        Assert.Contains("changed   cmdline_proc_show in fs/proc/cmdline.o", r.StandardOutput);
        Assert.Contains("+	seq_printf(m, \"%s kpatch=1\\n\", saved_command_line);", r.StandardOutput);
    }

    [Fact]
    public void Patch_whose_old_name_is_the_Makefile_is_refused_before_anything_runs()
    {
        var marker = Path.Combine(Scratch("makefile-marker"), "pwned");
        var before = File.ReadAllText(Path.Combine(Tree.TreePath, "Makefile"));
        // GNU patch would edit the Makefile (the shorter name) while the +++ line names a .c file.
        var patch = WritePatch("makefile", $"""
            --- a/Makefile
            +++ b/kernel/printk/printk.c
            @@ -1,3 +1,4 @@
             # SPDX-License-Identifier: GPL-2.0
            +$(shell touch {marker})
             VERSION = 6
             PATCHLEVEL = 1
            """);
        var run = KspliceTool.Create("makefile", [$"--patch={patch}"], [patch]);
        Assert.True(run.ExitCode != 0, run.Describe());
        Assert.Contains("Makefile", run.Error);
        Assert.Contains("kernel/printk/printk.c", run.Error);
        Assert.Null(run.Tarball);
        Assert.False(File.Exists(marker));
        Assert.Equal(before, File.ReadAllText(Path.Combine(Tree.TreePath, "Makefile")));
    }

    [Fact]
    public void View_file_shows_escape_sequences_in_a_tarball_as_text()
    {
        var run = KspliceTool.Create(VisibleCorpus.Named("cmdline-string"));
        var dir = Scratch("view-escapes");
        var package = Ksplice.Package.UpdatePackage.Open(run.Tarball!, Path.Combine(dir, "unpacked"));
        var writer = new Ksplice.Package.UpdatePackageWriter(package.Manifest)
            .Description("harmless\u001b]0;owned\u0007\u001b[2J\rcleared\u202e\n")
            .Patch(package.Patch + "\u001b[31mred\u009b1m\n")
            .Module(package.ModulePath);
        foreach (var o in package.Manifest.Objects) writer.PreObject(o, package.PreObjectPath(o));
        var hostile = Path.Combine(dir, "ksplice-cmdline_string.tar.gz");
        writer.Write(hostile);

        var r = KspliceTool.Run(dir, "view", $"--file={hostile}");

        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain(r.StandardOutput, c => c is '\u001b' or '\u0007' or '\r' or '\u009b' or '\u202e');
        Assert.Contains("harmless\\x1b]0;owned\\x07\\x1b[2J\\x0dcleared\\u202e", r.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\\x1b[31mred\\x9b1m", r.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_with_a_key_signs_the_update_module_with_sign_file_and_view_says_who_signed_it()
    {
        var run = SignedUpdate.Create();
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("Signing the update module", run.Error, StringComparison.Ordinal);
        var dir = Scratch("signed");
        var package = Ksplice.Package.UpdatePackage.Open(run.Tarball!, Path.Combine(dir, "unpacked"));
        var (_, certificate) = SignedUpdate.Key();

        // The package's SHA-256 map covers the signed bytes (Open checks every file), and the signature verifies.
        var (verification, _) = ModuleSignatureCheck.Verify(package.ModulePath, certificate, dir);
        Assert.True(verification.Succeeded, verification.StandardError);
        Assert.DoesNotContain(Ksplice.Package.PackageLayout.LegacyCoreModuleFile, package.Manifest.Files!.Keys);

        var view = KspliceTool.Run(dir, "view", $"--file={run.Tarball}");
        Assert.Equal(0, view.ExitCode);
        Assert.Contains($"module:   ksplice_{SignedUpdate.Id}.ko, signed (sha256, signer CN={SignedUpdate.Signer}, key {ModuleSignatureCheck.Serial(certificate)})",
            view.StandardOutput, StringComparison.Ordinal);
        var unsigned = KspliceTool.Run(dir, "view", $"--file={KspliceTool.Create(VisibleCorpus.Named("cmdline-string")).Tarball}");
        Assert.Contains("module:   ksplice_cmdline_string.ko, unsigned", unsigned.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_refuses_a_sign_key_without_a_certificate_and_a_key_that_is_not_a_file_before_building()
    {
        var dir = Scratch("sign-args");
        var (key, certificate) = SignedUpdate.Key();
        var patch = VisibleCorpus.Named("cmdline-string").PatchPath;

        var alone = KspliceTool.Run(dir, "create", $"--sign-key={key}", $"--patch={patch}", Tree.TreePath);
        var missing = KspliceTool.Run(dir, "create", $"--sign-key={dir}/nokey.pem", $"--sign-cert={certificate}", $"--patch={patch}", Tree.TreePath);
        var directory = KspliceTool.Run(dir, "create", $"--sign-key={key}", $"--sign-cert={dir}", $"--patch={patch}", Tree.TreePath);

        Assert.Equal(2, alone.ExitCode);
        Assert.Contains("give both --sign-key=KEY and --sign-cert=CERT, or neither", alone.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains($"--sign-key={dir}/nokey.pem: no such file", missing.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, directory.ExitCode);
        Assert.Contains($"--sign-cert={dir}: is a directory, not a regular file", directory.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir));
    }

    private static string WritePatch(string name, string text)
    {
        var path = Path.Combine(Scratch("patch-" + name), name + ".patch");
        File.WriteAllText(path, text.Replace("\r", "", StringComparison.Ordinal));
        return path;
    }
}
