namespace Ksplice.Apply.Applying;

/// <summary>
/// A file for root's eyes only (0600), for what holds kernel addresses: the records of applied updates and the core's
/// log that <c>--debugfile</c> writes. It is always a new file: whatever was at the path (a file of a wider mode, which
/// someone may hold open, or a link planted there) is removed first and never written through, and the file is created
/// with O_CREAT|O_EXCL, which fails rather than follow a link planted again in between.
/// </summary>
public static class PrivateFile
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = Mode;
        using var stream = new FileStream(path, options);
        stream.Write(bytes);
    }
}
