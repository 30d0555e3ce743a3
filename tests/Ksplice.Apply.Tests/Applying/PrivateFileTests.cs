using System.Text;
using Ksplice.Apply.Applying;
using Xunit;

namespace Ksplice.Apply.Tests.Applying;

/// <summary>
/// --debugfile (and every record of an applied update) is written with <see cref="PrivateFile"/>: the core's log holds
/// kernel addresses, so whatever another user prepared at the path must not end up holding it, or leading to it.
/// </summary>
public sealed class PrivateFileTests : IDisposable
{
    private const string Log = "ksplice: learn_calls at 0xffffffff81234560\n";
    private readonly string _scratch = Directory.CreateTempSubdirectory("ksplice-debugfile-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private string DebugFile => Path.Combine(_scratch, "debug.log");

    private void WriteLog() => PrivateFile.Write(DebugFile, Encoding.UTF8.GetBytes(Log));

    private static UnixFileMode Mode(string path) => new FileInfo(path).UnixFileMode;

    [Fact]
    public void The_debug_file_is_written_0600()
    {
        WriteLog();
        Assert.Equal(PrivateFile.Mode, Mode(DebugFile));
        Assert.Equal(Log, File.ReadAllText(DebugFile));
    }

    [Fact]
    public void A_world_readable_file_prepared_at_the_path_and_held_open_never_receives_the_log()
    {
        File.WriteAllText(DebugFile, "prepared\n");
        File.SetUnixFileMode(DebugFile, (UnixFileMode)0x1b6); // 0666
        using var held = new FileStream(DebugFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        WriteLog();

        Assert.Equal(PrivateFile.Mode, Mode(DebugFile));
        Assert.Equal(Log, File.ReadAllText(DebugFile));
        Assert.Equal("prepared\n", new StreamReader(held).ReadToEnd());
    }

    [Fact]
    public void A_symlink_planted_at_the_path_is_replaced_not_written_through()
    {
        var victim = Path.Combine(_scratch, "victim");
        File.WriteAllText(victim, "precious\n");
        File.SetUnixFileMode(victim, (UnixFileMode)0x1a4); // 0644
        File.CreateSymbolicLink(DebugFile, victim);

        WriteLog();

        Assert.Equal("precious\n", File.ReadAllText(victim));
        Assert.Equal((UnixFileMode)0x1a4, Mode(victim));
        Assert.Null(new FileInfo(DebugFile).LinkTarget);
        Assert.Equal(PrivateFile.Mode, Mode(DebugFile));
        Assert.Equal(Log, File.ReadAllText(DebugFile));
    }

    [Fact]
    public void A_dangling_symlink_planted_at_the_path_creates_nothing_where_it_points()
    {
        var target = Path.Combine(_scratch, "readable-by-all");
        File.CreateSymbolicLink(DebugFile, target);

        WriteLog();

        Assert.False(File.Exists(target));
        Assert.Null(new FileInfo(DebugFile).LinkTarget);
        Assert.Equal(Log, File.ReadAllText(DebugFile));
    }
}
