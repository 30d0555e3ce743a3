namespace Ksplice.Source.Kernel;

/// <summary>An installed kernel release and the headers built for it.</summary>
public sealed record KernelRelease(string Release, HeadersDir Headers)
{
    /// <summary>
    /// Every release with usable headers: <c>/lib/modules/&lt;release&gt;/build</c> links first, then
    /// <c>/usr/src/linux-headers-*</c> directories; one entry per headers directory, sorted by release.
    /// </summary>
    public static IReadOnlyList<KernelRelease> FindInstalled(string modulesRoot = "/lib/modules", string sourceRoot = "/usr/src")
    {
        var found = new Dictionary<string, KernelRelease>(StringComparer.Ordinal);
        void Consider(string dir)
        {
            if (!Directory.Exists(dir) || !HeadersDir.LooksLikeHeaders(dir)) return;
            var resolved = ResolveLinks(dir);
            if (found.ContainsKey(resolved)) return;
            var headers = HeadersDir.Open(resolved);
            found[resolved] = new KernelRelease(headers.Release, headers);
        }
        if (Directory.Exists(modulesRoot))
            foreach (var m in Directory.EnumerateDirectories(modulesRoot).Order(StringComparer.Ordinal))
                Consider(System.IO.Path.Combine(m, "build"));
        if (Directory.Exists(sourceRoot))
            foreach (var d in Directory.EnumerateDirectories(sourceRoot, "linux-headers-*").Order(StringComparer.Ordinal))
                Consider(d);
        return found.Values.OrderBy(r => r.Release, StringComparer.Ordinal).ToList();
    }

    /// <summary>The one installed release, or the one named; throws with the list when that is ambiguous.</summary>
    public static KernelRelease Find(string? release = null, IReadOnlyList<KernelRelease>? installed = null)
    {
        installed ??= FindInstalled();
        var candidates = release is null ? installed : installed.Where(r => r.Release == release).ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 when installed.Count == 0 => throw new KspliceSourceException("No kernel headers are installed (looked in /lib/modules/*/build and /usr/src/linux-headers-*); install linux-headers-<release> for the target kernel."),
            0 => throw new KspliceSourceException($"No headers for release {release}; installed: {string.Join(", ", installed.Select(r => r.Release))}."),
            _ => throw new KspliceSourceException($"Several kernel releases are installed ({string.Join(", ", candidates.Select(r => r.Release))}); name one, or add a 'build' link in the config directory."),
        };
    }

    /// <summary>Debian's modules directory for this release (modules.order, modules.builtin).</summary>
    public string ModulesDir(string modulesRoot = "/lib/modules") => System.IO.Path.Combine(modulesRoot, Release);

    internal static string ResolveLinks(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var info = new DirectoryInfo(full);
        var target = info.LinkTarget is null ? null : info.ResolveLinkTarget(returnFinalTarget: true);
        return target?.FullName ?? full;
    }
}
