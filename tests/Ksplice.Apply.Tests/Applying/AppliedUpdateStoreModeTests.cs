using Ksplice.Apply.Applying;
using Xunit;

namespace Ksplice.Apply.Tests.Applying;

/// <summary>The records of applied updates hold kernel addresses: no other user may read them.</summary>
public sealed class AppliedUpdateStoreModeTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("ksplice-store-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static UnixFileMode Mode(string path) => new FileInfo(path).UnixFileMode;

    private static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, mode);
    }

    [Fact]
    public void The_state_directory_is_0700_and_every_record_0600()
    {
        var root = Path.Combine(_scratch, "var-lib-ksplice");
        new AppliedUpdateStore(root).Save("abc123", "{}"u8.ToArray(), "patch"u8.ToArray(), "a description", []);
        Assert.Equal(AppliedUpdateStore.DirectoryMode, Mode(root));
        Assert.Equal(AppliedUpdateStore.DirectoryMode, Mode(Path.Combine(root, "abc123")));
        var files = Directory.GetFiles(Path.Combine(root, "abc123"));
        Assert.Equal(4, files.Length);
        Assert.All(files, f => Assert.Equal(AppliedUpdateStore.FileMode, Mode(f)));
    }

    [Fact]
    public void An_existing_world_readable_state_directory_is_closed()
    {
        var root = Path.Combine(_scratch, "old");
        Directory.CreateDirectory(root);
        SetMode(root, (UnixFileMode)0b111_101_101);
        var old = Path.Combine(root, "abc123");
        Directory.CreateDirectory(old);
        File.WriteAllText(Path.Combine(old, "functions.json"), "[]");
        SetMode(Path.Combine(old, "functions.json"), (UnixFileMode)0b110_100_100);
        new AppliedUpdateStore(root).Save("abc123", "{}"u8.ToArray(), [], "d", []);
        Assert.Equal(AppliedUpdateStore.DirectoryMode, Mode(root));
        Assert.Equal(AppliedUpdateStore.FileMode, Mode(Path.Combine(old, "functions.json")));
    }

    [Fact]
    public void A_symlink_planted_at_a_record_is_replaced_not_written_through()
    {
        var root = Path.Combine(_scratch, "state");
        var victim = Path.Combine(_scratch, "victim");
        File.WriteAllText(victim, "precious\n");
        Directory.CreateDirectory(Path.Combine(root, "abc123"));
        File.CreateSymbolicLink(Path.Combine(root, "abc123", "patch"), victim);
        new AppliedUpdateStore(root).Save("abc123", "{}"u8.ToArray(), "patch"u8.ToArray(), "d", []);
        Assert.Equal("precious\n", File.ReadAllText(victim));
        Assert.Null(new FileInfo(Path.Combine(root, "abc123", "patch")).LinkTarget);
    }

    [Theory]
    [InlineData("../../../tmp/x")]
    [InlineData("/tmp/x")]
    [InlineData("")]
    public void An_id_that_is_not_an_update_id_never_names_a_path(string id)
    {
        var store = new AppliedUpdateStore(Path.Combine(_scratch, "state"));
        Assert.Throws<ArgumentException>(() => store.DirectoryOf(id));
        Assert.Throws<ArgumentException>(() => store.Forget(id));
    }

    [Fact]
    public void A_record_is_replaced_whole_and_what_a_killed_save_left_beside_it_is_removed()
    {
        var root = Path.Combine(_scratch, "whole");
        var store = new AppliedUpdateStore(root);
        store.Save("abc123", "{}"u8.ToArray(), [], "old", []);
        File.WriteAllText(Path.Combine(root, "abc123", "stray"), "from an older record");
        Directory.CreateDirectory(Path.Combine(root, ".new-abc123"));
        File.WriteAllText(Path.Combine(root, ".new-abc123", "manifest.json"), "{ half");

        store.Save("abc123", "{}"u8.ToArray(), [], "new", []);

        Assert.Equal(["description", "functions.json", "manifest.json", "patch"],
            Directory.GetFiles(Path.Combine(root, "abc123")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("new\n", File.ReadAllText(Path.Combine(root, "abc123", "description")));
        Assert.Equal([Path.Combine(root, "abc123")], Directory.GetDirectories(root));
    }
}
