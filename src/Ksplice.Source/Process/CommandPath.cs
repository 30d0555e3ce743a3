namespace Ksplice.Source.Process;

/// <summary>
/// Where a program named by a bare name is looked for: a fixed list of system directories, never the current
/// directory, the application's directory or the caller's PATH (root running ksplice in a user-writable directory
/// must not run a planted <c>./make</c>).
/// </summary>
public static class CommandPath
{
    public const string SearchPath = "/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>The absolute path of <paramref name="name"/>: itself when absolute, else the first executable file in <see cref="SearchPath"/>.</summary>
    public static string? Resolve(string name)
    {
        if (name.Length == 0) return null;
        if (name.Contains('/')) return Path.IsPathRooted(name) && IsExecutableFile(name) ? name : null;
        return SearchPath.Split(':').Select(dir => Path.Combine(dir, name)).FirstOrDefault(IsExecutableFile);
    }

    private static bool IsExecutableFile(string path)
    {
        var info = new FileInfo(path);
        return info.Exists && (info.UnixFileMode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
