using System.Security.Cryptography;
using System.Text;

namespace Ksplice.Source.Kbuild;

/// <summary>
/// Reads and writes the evaluated kbuild directories of one configured tree, so membership questions need no make
/// runs the next time. The file name carries a hash of the tree path and its <c>include/config/auto.conf</c>, so a
/// new configuration starts a new cache. Format: <c>arch SRCARCH|core|lib|drivers|BITS</c>, then per directory a
/// <c>dir PATH</c> line followed by the helper makefile's own lines, and <c>complete</c> when every reachable
/// directory is in the file.
/// </summary>
public static class KbuildMembershipCache
{
    private const string Header = "ksplice-kbuild-membership 1";

    public static string PathFor(string cacheDir, string tree)
    {
        var autoConf = System.IO.Path.Combine(tree, "include/config/auto.conf");
        var bytes = Encoding.UTF8.GetBytes(tree + "\n" + (File.Exists(autoConf) ? File.ReadAllText(autoConf) : ""));
        return System.IO.Path.Combine(cacheDir, $"kbuild-membership-{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}.txt");
    }

    public sealed record Contents(KbuildArch? Arch, IReadOnlyDictionary<string, KbuildDirectory> Directories, bool Complete);

    public static Contents Read(string path)
    {
        var dirs = new Dictionary<string, KbuildDirectory>(StringComparer.Ordinal);
        if (!File.Exists(path)) return new Contents(null, dirs, false);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header) return new Contents(null, dirs, false);
        KbuildArch? arch = null;
        var complete = false;
        string? dir = null;
        var body = new StringBuilder();
        void Flush()
        {
            if (dir is not null) dirs[dir] = KbuildMakefileReader.Parse(dir, body.ToString());
            body.Clear();
        }
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith("arch ", StringComparison.Ordinal))
            {
                var f = line[5..].Split('|');
                if (f.Length == 5) arch = new KbuildArch(f[0], f[1], f[2], f[3], f[4]);
            }
            else if (line.StartsWith("dir ", StringComparison.Ordinal)) { Flush(); dir = line[4..]; }
            else if (line == "complete") complete = true;
            else body.Append(line).Append('\n');
        }
        Flush();
        return new Contents(arch, dirs, complete);
    }

    public static void Write(string path, KbuildArch arch, IEnumerable<KbuildDirectory> directories, bool complete)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var text = new StringBuilder().Append(Header).Append('\n')
            .Append($"arch {arch.SrcArch}|{arch.Core}|{arch.Lib}|{arch.Drivers}|{arch.Bits}\n");
        foreach (var d in directories.OrderBy(d => d.Dir, StringComparer.Ordinal))
            text.Append("dir ").Append(d.Dir).Append('\n').Append(Format(d));
        if (complete) text.Append("complete\n");
        var temp = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temp, text.ToString());
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The directory in the helper makefile's output format (what <see cref="KbuildMakefileReader.Parse"/> reads).</summary>
    public static string Format(KbuildDirectory d)
    {
        var text = new StringBuilder();
        text.Append("obj-y ").AppendJoin(' ', d.ObjY).Append('\n');
        text.Append("obj-m ").AppendJoin(' ', d.ObjM).Append('\n');
        text.Append("lib-y ").AppendJoin(' ', d.LibY).Append('\n');
        foreach (var (entry, p) in d.Parts.OrderBy(p => p.Key, StringComparer.Ordinal))
            text.Append($"parts {entry} -objs {string.Join(' ', p.Objs)} -y {string.Join(' ', p.Y)} -m {string.Join(' ', p.M)}\n");
        return text.ToString();
    }
}
