using System.Text.Json;

namespace Ksplice.Source.Trees;

/// <summary>
/// The post tree's bookkeeping, in <c>POSTDIR/.ksplice-post/state.json</c>: which source tree it mirrors and the files
/// the current patch touched (so a reset can restore files the patch deleted). The modification time of the
/// <c>synced</c> file beside it marks when the tree last equalled the source tree.
/// </summary>
public sealed record PostTreeState(string SourcePath, IReadOnlyList<string> Touched)
{
    public const string DirectoryName = ".ksplice-post";
    public static string StatePath(string post) => Path.Combine(post, DirectoryName, "state.json");
    public static string SyncedPath(string post) => Path.Combine(post, DirectoryName, "synced");

    public static PostTreeState? TryRead(string post)
    {
        var path = StatePath(post);
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize(File.ReadAllText(path), TreeStateJson.Default.PostTreeState); }
        catch (JsonException) { return null; }
    }

    public void Write(string post)
    {
        Directory.CreateDirectory(Path.Combine(post, DirectoryName));
        SafeFile.WriteAllTextReplacing(StatePath(post), JsonSerializer.Serialize(this, TreeStateJson.Default.PostTreeState));
    }

    /// <summary>Marks the tree as equal to the source tree now.</summary>
    public static void MarkSynced(string post)
    {
        var path = SyncedPath(post);
        File.WriteAllText(path, "");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
    }

    public static DateTime SyncedTime(string post) => File.GetLastWriteTimeUtc(SyncedPath(post));
}
