using System.IO.Compression;
using Ksplice.Source.Process;

namespace Ksplice.Debian;

/// <summary>
/// <c>ksplice repo DIR --key KEYID</c>: makes a folder of .deb files a signed flat apt repository, the way
/// <c>deb [signed-by=KEYRING] file:/DIR ./</c> (or http) reads it: <c>Packages</c> and <c>Packages.gz</c>
/// (apt-ftparchive packages), <c>Release</c> (apt-ftparchive release, with their checksums), and the gpg signatures
/// <c>InRelease</c> (clearsigned) and <c>Release.gpg</c> (detached), made with the secret key KEYID of the caller's
/// keyring (<paramref name="gnupgHome"/>, by default the caller's GNUPGHOME). Old indexes are replaced.
/// </summary>
public sealed class AptRepository(IProcessRunner runner, string? gnupgHome = null)
{
    public static IReadOnlyList<string> IndexFiles { get; } = ["Packages", "Packages.gz", "Release", "InRelease", "Release.gpg"];

    public void Write(string directory, string key, string origin = "ksplice")
    {
        directory = Path.GetFullPath(directory);
        if (!Directory.Exists(directory)) throw new UpdateDebException($"{directory}: no such directory");
        if (!Directory.EnumerateFiles(directory, "*.deb").Any()) throw new UpdateDebException($"{directory} holds no .deb file");
        foreach (var index in IndexFiles) File.Delete(Path.Combine(directory, index));

        var packages = Run(directory, "apt-ftparchive", "packages", ".");
        File.WriteAllText(Path.Combine(directory, "Packages"), packages);
        using (var gz = new GZipStream(File.Create(Path.Combine(directory, "Packages.gz")), CompressionLevel.SmallestSize))
            gz.Write(System.Text.Encoding.UTF8.GetBytes(packages));
        var release = Run(directory, "apt-ftparchive", "-o", $"APT::FTPArchive::Release::Origin={origin}",
            "-o", $"APT::FTPArchive::Release::Label={origin}", "release", ".");
        File.WriteAllText(Path.Combine(directory, "Release"), release);
        Run(directory, "gpg", "--batch", "--yes", "--local-user", key, "--clearsign", "--output", "InRelease", "Release");
        Run(directory, "gpg", "--batch", "--yes", "--local-user", key, "--armor", "--detach-sign", "--output", "Release.gpg", "Release");
    }

    private string Run(string directory, string program, params string[] arguments)
    {
        var environment = new Dictionary<string, string?>();
        if ((gnupgHome ?? Environment.GetEnvironmentVariable("GNUPGHOME")) is { } home) environment["GNUPGHOME"] = home;
        var spec = ProcessSpec.Of(program, arguments) with { WorkingDirectory = directory, Environment = environment };
        var result = runner.Run(spec);
        return result.Succeeded ? result.StandardOutput
            : throw new UpdateDebException($"{spec.CommandLine} failed in {directory} (exit {result.ExitCode}): {result.StandardError.Trim()}");
    }
}
