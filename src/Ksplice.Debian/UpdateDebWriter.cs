using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Ksplice.Package;
using Ksplice.Source.Process;
using Ksplice.Package.Scratch;

namespace Ksplice.Debian;

/// <summary>
/// <c>ksplice package</c>: writes an update tarball as <c>ksplice-update-&lt;release&gt;-&lt;id&gt;_&lt;n&gt;_amd64.deb</c>. The
/// package depends on ksplice and on exactly the kernel image the update was built for, installs the tarball as
/// <c>/var/lib/ksplice/updates/&lt;release&gt;/</c><see cref="InstalledUpdates.FileName"/> and carries the
/// <see cref="MaintainerScripts"/>. The tree is staged here and built by <c>dpkg-deb --root-owner-group</c>.
/// </summary>
public sealed class UpdateDebWriter(IProcessRunner runner)
{
    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Executable = Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public UpdateDeb Write(UpdateDebRequest request)
    {
        if (request.Revision < 1) throw new UpdateDebException($"revision {request.Revision} is not a package revision (1 or more)");
        var scratch = ScratchDirectory.Create("ksplice-package-");
        try
        {
            var package = UpdatePackage.Open(request.Tarball, Path.Combine(scratch, "update"));
            return Write(request, package, Path.Combine(scratch, "deb"));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private UpdateDeb Write(UpdateDebRequest request, UpdatePackage package, string root)
    {
        var manifest = package.Manifest;
        var release = manifest.Kernel.Release;
        var name = UpdateDebName.Of(manifest);
        var installed = Path.Combine(new InstalledUpdates().DirectoryOf(release), InstalledUpdates.FileName(manifest));
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [installed.TrimStart('/')] = File.ReadAllBytes(request.Tarball),
            [$"usr/share/doc/{name}/copyright"] = Encoding.UTF8.GetBytes(Copyright(manifest.Id, release)),
            [$"usr/share/doc/{name}/changelog.gz"] = Gzip(Changelog(name, request, manifest.Id, manifest.Created)),
        };
        foreach (var (path, bytes) in files) WriteFile(root, path, bytes, Readable);

        var depends = new List<string> { "ksplice", KernelImagePackage.Dependency(manifest.Kernel) };
        if (request.After is { } after)
        {
            if (!UpdateDebName.IsValid(after)) throw new UpdateDebException($"--after '{after}' is not a Debian package name");
            depends.Add(after);
        }
        var control = new StringBuilder()
            .Append($"Package: {name}\n")
            .Append($"Version: {request.Revision}\n")
            .Append("Architecture: amd64\n")
            .Append($"Maintainer: {OneLine(request.Maintainer)}\n")
            .Append($"Installed-Size: {files.Values.Sum(b => (b.Length + 1023) / 1024)}\n")
            .Append($"Depends: {string.Join(", ", depends)}\n")
            .Append("Section: kernel\n")
            .Append("Priority: optional\n")
            .Append($"Description: Ksplice update {manifest.Id} for Linux {release}\n")
            .Append(ExtendedDescription(package.Description));
        WriteFile(root, "DEBIAN/control", Encoding.UTF8.GetBytes(control.ToString()), Readable);
        WriteFile(root, "DEBIAN/md5sums", Encoding.UTF8.GetBytes(string.Concat(files.Select(f => $"{Convert.ToHexStringLower(MD5.HashData(f.Value))}  {f.Key}\n"))), Readable);
        WriteFile(root, "DEBIAN/postinst", Encoding.UTF8.GetBytes(MaintainerScripts.PostInst(release, manifest.Id, installed)), Executable);
        WriteFile(root, "DEBIAN/prerm", Encoding.UTF8.GetBytes(MaintainerScripts.PreRm(release, manifest.Id)), Executable);

        Directory.CreateDirectory(request.OutputDirectory);
        var deb = Path.Combine(Path.GetFullPath(request.OutputDirectory), UpdateDebName.FileName(name, request.Revision));
        var result = runner.Run(ProcessSpec.Of("dpkg-deb", "--root-owner-group", "-Zxz", "--build", root, deb));
        if (!result.Succeeded) throw new UpdateDebException($"dpkg-deb could not build {deb}: {result.StandardError.Trim()}");
        return new UpdateDeb(name, deb, manifest.Id, release);
    }

    /// <summary>Writes a file of the package tree, each directory on the way 0755.</summary>
    private static void WriteFile(string root, string path, byte[] bytes, UnixFileMode mode)
    {
        var full = Path.Combine(root, path);
        var dir = Path.GetDirectoryName(full)!;
        var created = new List<string>();
        for (var d = dir; !Directory.Exists(d); d = Path.GetDirectoryName(d)!) created.Add(d);
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(full, bytes);
        if (OperatingSystem.IsWindows()) return;
        foreach (var d in created) File.SetUnixFileMode(d, Executable);
        File.SetUnixFileMode(full, mode);
    }

    /// <summary>The update's description as Debian's extended description: each line indented, empty lines as " .".</summary>
    private static string ExtendedDescription(string description)
    {
        var lines = description.Replace("\r", "").Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        if (lines.Count == 0) lines.Add("(no description)");
        return string.Concat(lines.Select(l => l.Length == 0 ? " .\n" : $" {l}\n"));
    }

    private static string OneLine(string text) => text.Replace('\n', ' ').Trim();

    private static string Copyright(string id, string release) => $"""
        Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
        Comment: Ksplice update {id} for Linux {release}: a rebootless update built with ksplice from a patch to
         the Linux kernel's source.

        Files: *
        Copyright: 1991-2026 Linus Torvalds and the authors of the Linux kernel
        License: GPL-2
         This program is free software; you can redistribute it and/or modify it under the terms of the GNU
         General Public License, version 2.
         .
         On Debian systems, the complete text of the GNU General Public License version 2 can be found in
         /usr/share/common-licenses/GPL-2.

        """;

    private static byte[] Changelog(string name, UpdateDebRequest request, string id, DateTimeOffset created) =>
        Encoding.UTF8.GetBytes($"""
            {name} ({request.Revision}) unstable; urgency=medium

              * Ksplice update {id}.

             -- {OneLine(request.Maintainer)}  {created.ToUniversalTime():ddd, dd MMM yyyy HH:mm:ss} +0000

            """);

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize)) gzip.Write(bytes);
        return output.ToArray();
    }
}
