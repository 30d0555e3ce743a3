namespace Ksplice.Cli.Commands;

/// <summary>--debugfile: the core module's log holds kernel addresses, so the file is created 0600 (a new file, never through a link).</summary>
public static class DebugFile
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Write(string path, string text)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = Mode;
        using var stream = new FileStream(path, options);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
    }
}
