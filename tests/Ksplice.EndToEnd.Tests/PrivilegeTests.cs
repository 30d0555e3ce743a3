using Ksplice.Corpus;
using Xunit;

namespace Ksplice.EndToEnd.Tests;

/// <summary>
/// ksplice-create runs as an ordinary user on a tree the user owns; apply, undo and view (of the running kernel) refuse
/// any user but root before touching anything.
/// </summary>
public class PrivilegeTests
{
    private static string Scratch(string name)
    {
        var dir = KspliceTool.Tree.Scratch("e2e-priv-" + name);
        File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        return dir;
    }

    /// <summary>A directory tree shaped like a kernel source tree whose Makefile only does what --prebuild asks of it.</summary>
    private static string FakeKernelTree(string root)
    {
        var src = Path.Combine(root, "linux");
        Directory.CreateDirectory(Path.Combine(src, "kernel"));
        File.WriteAllText(Path.Combine(src, "Makefile"),
            "olddefconfig:\n\t@mkdir -p include/config && cp .config include/config/auto.conf\nmodules_prepare:\n\t@true\n");
        File.WriteAllText(Path.Combine(src, "Kbuild"), "obj-y += kernel/\n");
        File.WriteAllText(Path.Combine(src, "kernel", "sys.c"), "int sys_value = 2;\n");
        var config = Path.Combine(src, "ksplice");
        Directory.CreateDirectory(config);
        File.Copy(KspliceTool.Tree.Headers.ConfigPath, Path.Combine(config, ".config"));
        Directory.CreateSymbolicLink(Path.Combine(config, "build"), KspliceTool.Tree.Headers.Path);
        return src;
    }

    [Fact]
    public void Create_prebuild_works_as_an_ordinary_user_on_a_tree_the_user_owns()
    {
        var root = Scratch("create-nobody");
        var src = FakeKernelTree(root);
        Unprivileged.GiveToNobody(root);
        var started = DateTime.UtcNow.AddSeconds(-1);

        var result = Unprivileged.Run(root, "create", "--prebuild", src);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.StandardOutput}\n{result.StandardError}");
        Assert.Contains("is ready for ksplice-create", result.StandardOutput, StringComparison.Ordinal);
        var post = Path.Combine(src, "ksplice", "post");
        Assert.True(File.Exists(Path.Combine(post, "kernel", "sys.c")));
        Assert.Equal(Unprivileged.Uid, Unprivileged.Owner(Path.Combine(src, Ksplice.Source.Kbuild.TreeLock.FileName)));
        Assert.Equal(Unprivileged.Uid, Unprivileged.Owner(post));
        // Nothing of the run's is left in the shared temporary directory.
        Assert.DoesNotContain(new DirectoryInfo(Path.GetTempPath()).EnumerateFileSystemInfos(),
            i => i.LastWriteTimeUtc >= started && i.Name.StartsWith("ksplice", StringComparison.Ordinal) && Unprivileged.Owner(i.FullName) == Unprivileged.Uid);
    }

    [Fact]
    public void Create_refuses_a_signing_key_the_user_cannot_read_before_building()
    {
        var root = Scratch("sign-key-nobody");
        var src = FakeKernelTree(root);
        Unprivileged.GiveToNobody(root);
        var (key, certificate) = Ksplice.TestSupport.ModuleSignatureCheck.ThrowawayKey(root);
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite); // root's key, 0600
        File.SetUnixFileMode(certificate, (UnixFileMode)0b110_100_100);

        var result = Unprivileged.Run(root, "create", $"--sign-key={key}", $"--sign-cert={certificate}", "--prebuild", src);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"--sign-key={key}: cannot be read by you (nobody)", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(src, "ksplice", "post")));
    }

    [Theory]
    [InlineData("apply", "ksplice-none.tar.gz")]
    [InlineData("undo", "abc123")]
    [InlineData("view", "--id=abc123")]
    [InlineData("view", "")]
    public void Apply_undo_and_view_refuse_an_ordinary_user(string command, string argument)
    {
        var dir = Scratch("refuse-" + command);
        var result = Unprivileged.Run(dir, argument.Length > 0 ? [command, argument] : [command]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"ksplice-{command}: needs root", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir));
    }

    [Theory]
    [InlineData("undo", "../../../tmp/x")]
    [InlineData("view", "--id=../../../tmp/x")]
    [InlineData("undo", "ABC")]
    public void Undo_and_view_refuse_an_id_that_is_not_an_update_id(string command, string argument)
    {
        var dir = Scratch("badid-" + command);
        var victim = Path.Combine(dir, "x");
        Directory.CreateDirectory(victim);
        var result = KspliceTool.Run(dir, command, argument.Replace("../../../tmp/x", $"../../../..{victim}", StringComparison.Ordinal));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("is not an update id", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(victim));
    }
}
