using System.Diagnostics;
using Ksplice.Source.Process;

namespace Ksplice.Source.Trees;

/// <summary>
/// The post tree: a hard-linked copy of the source tree (default <c>KERNEL_SOURCE/ksplice/post</c>, or --postdir)
/// that patches are applied to and built in. Created once with <c>cp -al</c> (build state is then copied, see
/// <see cref="LinkPolicy"/>); afterwards <see cref="Sync"/> only restores what the previous run changed: the files
/// its patch touched and every file modified since the last sync. The source tree is never written.
/// </summary>
public sealed class PostTree
{
    private readonly IProcessRunner _runner;

    private PostTree(SourceTree source, string path, IProcessRunner runner)
    {
        Source = source;
        Path = path;
        _runner = runner;
    }

    public SourceTree Source { get; }
    public string Path { get; }

    /// <summary>The full path of a tree-relative name, checked by <see cref="TreePath.Inside"/> to stay inside the post tree.</summary>
    public string FullPath(string relative) => TreePath.Inside(Path, relative);

    /// <summary>The default post directory for a config directory: <c>CONFIG_DIR/post</c>.</summary>
    public static string DefaultPath(string configDir) => System.IO.Path.Combine(configDir, "post");

    /// <summary>
    /// Opens the post tree at <paramref name="path"/> and makes it equal to the source tree: creates it the first time,
    /// resets it afterwards. <paramref name="excluded"/> are directories inside the source tree not to mirror (the
    /// config directory); the post directory itself is never mirrored.
    /// </summary>
    public static PostTree Open(SourceTree source, string path, IProcessRunner runner, IEnumerable<string>? excluded, out PostTreeSync sync)
    {
        path = System.IO.Path.GetFullPath(path).TrimEnd('/');
        if (path == source.Path)
            throw new KspliceSourceException($"The post directory {path} cannot be the source tree itself; give another --postdir.");
        var tree = new PostTree(source, path, runner);
        var state = PostTreeState.TryRead(path);
        if (state is not null && state.SourcePath != source.Path)
            throw new KspliceSourceException($"{path} is the post tree of {state.SourcePath}, not of {source.Path}; remove it or give another --postdir.");
        sync = state is null ? tree.Create(excluded ?? []) : tree.Sync();
        return tree;
    }

    /// <summary>Records the files a patch is about to touch (tree-relative), so the next reset restores them.</summary>
    public void RecordTouched(IEnumerable<string> relativePaths)
    {
        var names = relativePaths.ToList();
        foreach (var name in names) TreePath.Inside(Path, name);
        var state = PostTreeState.TryRead(Path) ?? new PostTreeState(Source.Path, []);
        (state with { Touched = state.Touched.Union(names, StringComparer.Ordinal).ToList() }).Write(Path);
    }

    /// <summary>Restores every file changed since the last sync, and the touched ones, from the source tree.</summary>
    public PostTreeSync Sync()
    {
        var clock = Stopwatch.StartNew();
        var state = PostTreeState.TryRead(Path) ?? throw new KspliceSourceException($"{Path}: not a post tree (no {PostTreeState.StatePath(Path)}); remove it to have it created again.");
        var synced = PostTreeState.SyncedTime(Path);
        var changed = new SortedSet<string>(state.Touched, StringComparer.Ordinal);
        foreach (var f in EnumerateFiles(Path))
            if (f.LastWriteTimeUtc > synced && !LinkPolicy.IsPostOwned(Relative(f.FullName), f.UnixFileMode)) changed.Add(Relative(f.FullName));

        var toLink = new List<string>();
        foreach (var rel in changed)
        {
            var post = TreePath.Inside(Path, rel, allowLinkAtEnd: true);
            if (File.Exists(post) || new FileInfo(post).LinkTarget is not null) File.Delete(post);
            var source = new FileInfo(TreePath.Inside(Source.Path, rel, allowLinkAtEnd: true));
            if (!source.Exists && source.LinkTarget is null)
            {
                RemoveEmptyDirectories(System.IO.Path.GetDirectoryName(rel) ?? "");
                continue;
            }
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(post)!);
            if (source.LinkTarget is null && LinkPolicy.MayLink(rel, source.UnixFileMode)) toLink.Add(rel);
            else if (source.LinkTarget is not null) File.CreateSymbolicLink(post, source.LinkTarget);
            else SafeFile.CopyReplacing(source.FullName, post);
        }
        foreach (var chunk in toLink.Chunk(1000))
            _runner.RunChecked(new ProcessSpec("cp", ["-al", "--parents", "-t", Path, "--", .. chunk]) { WorkingDirectory = Source.Path },
                $"re-linking {chunk.Length} file(s) into the post tree");
        (state with { Touched = [] }).Write(Path);
        PostTreeState.MarkSynced(Path);
        return new PostTreeSync(false, changed.Count, clock.Elapsed);
    }

    private PostTreeSync Create(IEnumerable<string> excluded)
    {
        var clock = Stopwatch.StartNew();
        if (Directory.Exists(Path) && Directory.EnumerateFileSystemEntries(Path).Any())
            throw new KspliceSourceException($"{Path} exists and is not a post tree; remove it or give another --postdir.");
        Directory.CreateDirectory(Path);
        var skip = excluded.Append(Path).Select(e => TopComponentInside(Source.Path, e)).OfType<string>().Append(Kbuild.TreeLock.FileName).Append(Kbuild.TreeLock.CreateFileName)
            .ToHashSet(StringComparer.Ordinal);
        var entries = Directory.EnumerateFileSystemEntries(Source.Path).Select(e => System.IO.Path.GetFileName(e)!)
            .Where(e => !skip.Contains(e)).Order(StringComparer.Ordinal).ToList();
        _runner.RunChecked(new ProcessSpec("cp", ["-al", "--", .. entries, Path + "/"]) { WorkingDirectory = Source.Path },
            $"creating the post tree {Path}");
        var copied = 0;
        foreach (var f in EnumerateFiles(Path))
        {
            if (f.LinkTarget is not null) continue;
            var rel = Relative(f.FullName);
            if (LinkPolicy.MayLink(rel, f.UnixFileMode)) continue;
            SafeFile.CopyReplacing(Source.FullPath(rel), f.FullName);
            copied++;
        }
        new PostTreeState(Source.Path, []).Write(Path);
        PostTreeState.MarkSynced(Path);
        return new PostTreeSync(true, copied, clock.Elapsed);
    }

    private IEnumerable<FileInfo> EnumerateFiles(string root)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        var stateDir = System.IO.Path.Combine(Path, PostTreeState.DirectoryName) + "/";
        var lockFile = Kbuild.TreeLock.PathFor(Path);
        return new DirectoryInfo(root).EnumerateFiles("*", options)
            .Where(f => !f.FullName.StartsWith(stateDir, StringComparison.Ordinal) && f.FullName != lockFile);
    }

    private void RemoveEmptyDirectories(string relativeDir)
    {
        while (relativeDir.Length > 0 && !Directory.Exists(Source.FullPath(relativeDir)))
        {
            var dir = TreePath.Inside(Path, relativeDir);
            if (!Directory.Exists(dir) || Directory.EnumerateFileSystemEntries(dir).Any()) return;
            Directory.Delete(dir);
            relativeDir = System.IO.Path.GetDirectoryName(relativeDir) ?? "";
        }
    }

    private string Relative(string full) => System.IO.Path.GetRelativePath(Path, full);

    /// <summary>The first path component of <paramref name="path"/> below <paramref name="root"/>, or null when outside.</summary>
    private static string? TopComponentInside(string root, string path)
    {
        var rel = System.IO.Path.GetRelativePath(root, System.IO.Path.GetFullPath(path));
        return rel == "." || rel.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(rel) ? null : rel.Split('/')[0];
    }
}
