using System.Security.Cryptography;
using System.Text;

namespace Ksplice.Vm;

/// <summary>
/// Directories built once and reused: <c>&lt;root&gt;/&lt;name&gt;-&lt;key&gt;/</c>, where the key hashes everything the build
/// depends on. A file lock serialises builders across test processes; a build happens in a temporary
/// directory that is renamed into place, so a half-built directory is never used.
/// </summary>
public sealed class BuildCache(string? root = null)
{
    public string Root { get; } = root ?? NonEmpty(Environment.GetEnvironmentVariable("KSPLICE_TEST_CACHE")) ?? "/var/tmp/ksplice-test";

    /// <summary>How long to wait for another process's build of the same directory before giving up.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Returns the directory for (name, key), running <paramref name="build"/> on a fresh one if needed.</summary>
    public string GetOrBuild(string name, string key, Action<string> build)
    {
        var final = Path.Combine(Root, $"{name}-{key}");
        var stamp = Path.Combine(final, ".ksplice-built");
        if (File.Exists(stamp)) return final;

        Directory.CreateDirectory(Root);
        using var _ = AcquireLock(Path.Combine(Root, $"{name}-{key}.lock"), LockWait);
        if (File.Exists(stamp)) return final;
        var work = final + ".tmp";
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
        Directory.CreateDirectory(work);
        build(work);
        Directory.Move(work, final);
        File.WriteAllText(stamp, $"{name} {key}\n");
        return final;
    }

    /// <summary>A short hash of texts and file contents, in the order given.</summary>
    public static string Key(IEnumerable<string> texts, IEnumerable<string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var text in texts) hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static FileStream AcquireLock(string path, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(250);
            }
        }
    }

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
