using System.Globalization;
using System.Runtime.InteropServices;

namespace Ksplice.Package.Scratch;

/// <summary>
/// A private (0700) working directory of this process, <c>PREFIXPID-RANDOM</c> in the temporary directory. Creating
/// one first removes the directories of the same prefix that processes which are gone left behind (a run that was
/// killed never reaches its own clean-up), but only those that are real directories owned by this user: the
/// temporary directory is shared, and root must never delete what another user put there.
/// </summary>
public static class ScratchDirectory
{
    private const int StatSize = 144;       // sizeof(struct stat) on x86_64
    private const int ModeOffset = 24;      // offsetof(struct stat, st_mode)
    private const int UidOffset = 28;       // offsetof(struct stat, st_uid)
    private const uint TypeMask = 0xF000;   // S_IFMT
    private const uint DirectoryType = 0x4000;

    /// <summary>Removes what dead processes left under <paramref name="prefix"/>, then creates this process's directory.</summary>
    public static string Create(string prefix)
    {
        RemoveStale(prefix, Path.GetTempPath());
        // mkdtemp(3): created here, by this call, with mode 0700, never a directory someone else made
        return Directory.CreateTempSubdirectory($"{prefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-").FullName;
    }

    /// <summary>The directories of <paramref name="prefix"/> under <paramref name="root"/> that were removed.</summary>
    public static IReadOnlyList<string> RemoveStale(string prefix, string root)
    {
        var removed = new List<string>();
        IEnumerable<string> entries;
        try { entries = Directory.EnumerateFileSystemEntries(root, prefix + "*").ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return removed; }
        var uid = GetEffectiveUid();
        foreach (var path in entries)
        {
            if (Pid(Path.GetFileName(path), prefix) is not { } pid || IsRunning(pid)) continue;
            if (!IsOwnDirectory(path, uid)) continue;
            try
            {
                Directory.Delete(path, recursive: true);
                removed.Add(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return removed;
    }

    /// <summary>The process id in <c>PREFIXPID-RANDOM</c>, or null for any other name.</summary>
    public static int? Pid(string name, string prefix)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var rest = name[prefix.Length..];
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash == rest.Length - 1) return null;
        return int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
    }

    private static bool IsRunning(int pid) => pid == Environment.ProcessId || Directory.Exists($"/proc/{pid}");

    /// <summary>lstat(2): a directory (not a link to one) whose owner is <paramref name="uid"/>.</summary>
    private static bool IsOwnDirectory(string path, uint uid)
    {
        var buffer = new byte[StatSize];
        if (LStat(path, buffer) != 0) return false;
        return (BitConverter.ToUInt32(buffer, ModeOffset) & TypeMask) == DirectoryType
               && BitConverter.ToUInt32(buffer, UidOffset) == uid;
    }

    [DllImport("libc", EntryPoint = "lstat", SetLastError = true)]
    private static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUid();
}
