namespace Ksplice.Source.Trees;

/// <summary>
/// File writes that never write through a hard link: the new content goes to a temporary file in the same
/// directory, which is then renamed over the destination (a new inode), so a tree linked to this one is unaffected.
/// </summary>
public static class SafeFile
{
    /// <summary>Copies <paramref name="source"/> over <paramref name="destination"/>, keeping its modification time (make compares them).</summary>
    public static void CopyReplacing(string source, string destination)
    {
        var temp = TempNameFor(destination);
        File.Copy(source, temp, overwrite: true);
        File.SetLastWriteTimeUtc(temp, File.GetLastWriteTimeUtc(source));
        File.Move(temp, destination, overwrite: true);
    }

    public static void WriteAllTextReplacing(string path, string text)
    {
        var temp = TempNameFor(path);
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    private static string TempNameFor(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.ksplice-tmp-{Environment.ProcessId}");
}
