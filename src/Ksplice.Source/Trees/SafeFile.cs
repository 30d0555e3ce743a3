namespace Ksplice.Source.Trees;

/// <summary>
/// File writes that never write through a hard link or a planted symbolic link: the new content goes to a new file
/// with a random name in the same directory (created exclusively, so an existing name or link there is never
/// opened), which is then renamed over the destination (a new inode), so a tree linked to this one is unaffected.
/// </summary>
public static class SafeFile
{
    /// <summary>Copies <paramref name="source"/> over <paramref name="destination"/>, keeping its modification time (make compares them).</summary>
    public static void CopyReplacing(string source, string destination)
    {
        var mode = FileModes.Get(source) & ~(UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit);
        var temp = WriteTemp(destination, s =>
        {
            using var from = File.OpenRead(source);
            from.CopyTo(s);
        }, mode);
        FileModes.Set(temp, mode);
        File.SetLastWriteTimeUtc(temp, File.GetLastWriteTimeUtc(source));
        File.Move(temp, destination, overwrite: true);
    }

    public static void WriteAllTextReplacing(string path, string text, UnixFileMode mode = DefaultMode) =>
        WriteAllBytesReplacing(path, new System.Text.UTF8Encoding(false).GetBytes(text), mode);

    public static void WriteAllBytesReplacing(string path, byte[] bytes, UnixFileMode mode = DefaultMode) =>
        File.Move(WriteTemp(path, s => s.Write(bytes), mode), path, overwrite: true);

    private const UnixFileMode DefaultMode = FileModes.Readable;

    private static string WriteTemp(string destination, Action<Stream> write, UnixFileMode mode)
    {
        var full = Path.GetFullPath(destination);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.ksplice-tmp-{Path.GetRandomFileName()}");
        try
        {
            using (var s = new FileStream(temp, FileModes.Options(FileMode.CreateNew, FileAccess.Write, mode)))
                write(s);
            return temp;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
