using System.Security.Cryptography;
using Ksplice.Source.Process;
using Ksplice.Source.Trees;

namespace Ksplice.Source.Tests.Security;

/// <summary>
/// A tiny source tree (enough for <see cref="SourceTree.Open"/>) in a scratch directory, next to a victim file outside
/// it; <see cref="Snapshot"/> lists every entry of the scratch directory with its content hash, to show an attack changed nothing.
/// </summary>
public sealed class SmallTree : IDisposable
{
    public SmallTree()
    {
        Root = Directory.CreateTempSubdirectory("ksplice-sec-").FullName;
        SourcePath = Path.Combine(Root, "src");
        Write("Makefile", "all:\n\t@echo built\n");
        Write("Kbuild", "obj-y += kernel/\n");
        Write("kernel/printk/printk.c", "int printk_level = 1;\n");
        Write("kernel/sys.c", "int sys_value = 2;\n");
        File.WriteAllText(VictimPath, "precious\n");
    }

    public string Root { get; }
    public string SourcePath { get; }
    public string VictimPath => Path.Combine(Root, "victim");
    public string PostPath => Path.Combine(Root, "post");

    public void Write(string relative, string text)
    {
        var path = Path.Combine(SourcePath, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public PostTree OpenPost() => PostTree.Open(SourceTree.Open(SourcePath), PostPath, new ProcessRunner(), [], out _);

    /// <summary>Every file, directory and link under <paramref name="dir"/> (default: the scratch root) with its content hash or link target.</summary>
    public IReadOnlyList<string> Snapshot(string? dir = null)
    {
        dir ??= Root;
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 };
        return new DirectoryInfo(dir).EnumerateFileSystemInfos("*", options)
            .Select(i => Path.GetRelativePath(dir, i.FullName) + " " + (i.LinkTarget is { } t ? "-> " + t
                : i is FileInfo f ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f.FullName))) : "dir"))
            .Order(StringComparer.Ordinal).ToList();
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
