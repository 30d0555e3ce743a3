namespace Ksplice.Source.Trees;

/// <summary>Unix permissions given at creation (the tool runs on Linux only; the guards satisfy the platform analyzer).</summary>
public static class FileModes
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode Readable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Options to open <paramref name="mode"/>/<paramref name="access"/>, creating the file with <paramref name="create"/> permissions.</summary>
    public static FileStreamOptions Options(FileMode mode, FileAccess access, UnixFileMode create, FileShare share = FileShare.Read)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = create;
        return options;
    }

    public static UnixFileMode Get(string path) => new FileInfo(path).UnixFileMode;

    public static void Set(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, mode);
    }

    /// <summary>Creates <paramref name="path"/> (and its parents) and makes its own mode <paramref name="mode"/>, also when it already existed.</summary>
    public static void CreateDirectory(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, mode);
        Set(path, mode);
    }
}
