using System.Runtime.InteropServices;
using Xunit;

namespace Ksplice.Package.Tests;

/// <summary>
/// A FIFO, a device or a link to one given where an update is read: refused at once, never waited on or read as an
/// update. Each open runs on its own task with a time bound, so a regression fails the test instead of hanging it.
/// </summary>
public class NonRegularFileTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static string Fifo(string directory, string name = "ksplice-abc123.tar.gz")
    {
        var path = Path.Combine(directory, name);
        Assert.Equal(0, MakeFifo(path, 0x180)); // 0600
        return path;
    }

    /// <summary>Opens <paramref name="path"/> as apply and view do; the refusal it must give within <see cref="Bound"/>.</summary>
    private static InvalidUpdateException RefusedWithin(string path, string fifo)
    {
        var open = Task.Run(() => UpdatePackage.Open(path, SamplePackage.Scratch()));
        if (Task.WhenAny(open, Task.Delay(Bound)).Result != open)
        {
            // The reader waits in open(2) for a writer: be that writer, so the test host does not keep the thread.
            using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { }
            Assert.Fail($"opening {path} still waits after {Bound.TotalSeconds} s: a FIFO is read as the update");
        }
        return Assert.Throws<InvalidUpdateException>(() => open.GetAwaiter().GetResult());
    }

    [Fact]
    public void A_fifo_given_as_the_tarball_is_refused_without_waiting_for_a_writer()
    {
        var fifo = Fifo(SamplePackage.Scratch());
        var e = RefusedWithin(fifo, fifo);
        Assert.Equal($"{fifo} is a FIFO (named pipe), not a regular file; ksplice reads an update only from regular files (ksplice-<id>.tar.gz or the directory it unpacks to)", e.Message);
    }

    [Fact]
    public void A_link_to_a_fifo_is_refused_as_the_fifo_it_leads_to()
    {
        var dir = SamplePackage.Scratch();
        var fifo = Fifo(dir, "pipe");
        var link = Path.Combine(dir, "ksplice-abc123.tar.gz");
        File.CreateSymbolicLink(link, fifo);
        Assert.Contains("is a FIFO (named pipe), not a regular file", RefusedWithin(link, fifo).Message);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/null")]
    public void A_character_device_given_as_the_tarball_is_refused(string device)
    {
        var e = Assert.Throws<InvalidUpdateException>(() => UpdatePackage.Open(device, SamplePackage.Scratch()));
        Assert.StartsWith($"{device} is a character device, not a regular file", e.Message);
    }

    [Fact]
    public void A_fifo_inside_an_unpacked_update_directory_is_refused_without_waiting_for_a_writer()
    {
        var directory = UpdatePackage.Open(SamplePackage.Tarball(), SamplePackage.Scratch()).Directory;
        File.Delete(Path.Combine(directory, PackageLayout.DescriptionFile));
        var fifo = Fifo(directory, PackageLayout.DescriptionFile);
        var e = RefusedWithin(directory, fifo);
        Assert.Equal($"{directory}: description is a FIFO (named pipe); an update holds only files and directories", e.Message);
    }

    [Fact]
    public void A_fifo_as_the_manifest_of_an_unpacked_update_directory_is_refused_without_waiting_for_a_writer()
    {
        var directory = UpdatePackage.Open(SamplePackage.Tarball(), SamplePackage.Scratch()).Directory;
        File.Delete(Path.Combine(directory, PackageLayout.ManifestFile));
        var fifo = Fifo(directory, PackageLayout.ManifestFile);
        Assert.Contains("manifest.json is a FIFO (named pipe)", RefusedWithin(directory, fifo).Message);
    }

    [Fact]
    public void A_link_to_a_regular_tarball_is_followed_and_opened()
    {
        var link = Path.Combine(SamplePackage.Scratch(), "update.tar.gz");
        File.CreateSymbolicLink(link, SamplePackage.Tarball());
        Assert.Equal("abc123", UpdatePackage.Open(link, SamplePackage.Scratch()).Manifest.Id);
    }

    [Fact]
    public void A_path_that_does_not_exist_is_refused_with_the_reason()
    {
        var missing = Path.Combine(SamplePackage.Scratch(), "ksplice-gone.tar.gz");
        var e = Assert.Throws<InvalidUpdateException>(() => UpdatePackage.Open(missing, SamplePackage.Scratch()));
        Assert.Equal($"{missing}: No such file or directory", e.Message);
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
}
