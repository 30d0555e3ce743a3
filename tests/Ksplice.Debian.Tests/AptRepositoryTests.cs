using Ksplice.Package.Tests;
using Ksplice.Source.Process;
using Xunit;

namespace Ksplice.Debian.Tests;

/// <summary>
/// ksplice repo: a folder of update packages signed with a throwaway gpg key, read by the host's apt-get through a
/// file: source in a private apt configuration (its own lists, cache and status; the host's apt state is untouched).
/// </summary>
public sealed class AptRepositoryTests
{
    private readonly string _repo = SamplePackage.Scratch();
    private readonly string _apt = SamplePackage.Scratch();
    private readonly UpdateDeb _deb;

    public AptRepositoryTests()
    {
        _deb = new UpdateDebWriter(ProcessRunner.Default).Write(new UpdateDebRequest(SamplePackage.Tarball("abc_123"), _repo));
    }

    /// <summary>A new gpg home with one signing key; returns the home and the key's fingerprint, and writes its public keyring.</summary>
    private static (string Home, string Fingerprint) NewKey(string name, string keyring)
    {
        var home = SamplePackage.Scratch();
        File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var env = new Dictionary<string, string?> { ["GNUPGHOME"] = home };
        Check(Tool.Run("gpg", ["--batch", "--passphrase", "", "--quick-gen-key", $"{name} <{name}@ksplice.invalid>", "ed25519", "sign", "never"], environment: env));
        var fingerprint = Check(Tool.Run("gpg", ["--batch", "--with-colons", "--list-secret-keys"], environment: env)).StandardOutput
            .Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
        Check(Tool.Run("gpg", ["--batch", "--yes", "--output", keyring, "--export", fingerprint], environment: env));
        return (home, fingerprint);
    }

    private static ProcessResult Check(ProcessResult result) =>
        result.Succeeded ? result : throw new InvalidOperationException($"{result.CommandLine} failed ({result.ExitCode}): {result.StandardError}");

    /// <summary>apt-get with only this repository as source, trusted through <paramref name="keyring"/>, and private state.</summary>
    private ProcessResult AptGet(string keyring, params string[] arguments)
    {
        foreach (var dir in new[] { "state/lists/partial", "cache/archives/partial", "parts", "work" }) Directory.CreateDirectory(Path.Combine(_apt, dir));
        File.WriteAllText(Path.Combine(_apt, "status"), "");
        File.WriteAllText(Path.Combine(_apt, "sources.list"), $"deb [signed-by={keyring}] file:{_repo} ./\n");
        string[] options =
        [
            "-o", $"Dir::Etc::sourcelist={_apt}/sources.list", "-o", $"Dir::Etc::sourceparts={_apt}/parts",
            "-o", $"Dir::State={_apt}/state", "-o", $"Dir::State::status={_apt}/status", "-o", $"Dir::Cache={_apt}/cache",
            "-o", $"Dir::Etc::trusted={_apt}/none.gpg", "-o", $"Dir::Etc::trustedparts={_apt}/parts",
            "-o", "Debug::NoLocking=1", "-o", "APT::Sandbox::User=root", "-q",
        ];
        return Tool.Run("apt-get", [.. options, .. arguments], workingDirectory: Path.Combine(_apt, "work"));
    }

    [Fact]
    public void AptGetReadsTheSignedRepositoryAndDownloadsThePackage()
    {
        var keyring = Path.Combine(_apt, "ksplice.gpg");
        var (home, fingerprint) = NewKey("signer", keyring);

        new AptRepository(ProcessRunner.Default, home).Write(_repo, fingerprint);

        Assert.All(AptRepository.IndexFiles, f => Assert.True(File.Exists(Path.Combine(_repo, f)), f));
        var update = AptGet(keyring, "update");
        Assert.True(update.Succeeded, update.StandardOutput + update.StandardError);
        var download = AptGet(keyring, "download", _deb.Name);
        Assert.True(download.Succeeded, download.StandardOutput + download.StandardError);
        Assert.Equal(File.ReadAllBytes(_deb.Path), File.ReadAllBytes(Path.Combine(_apt, "work", Path.GetFileName(_deb.Path))));
    }

    [Fact]
    public void AptGetRefusesTheRepositoryWhenTrustingAnotherKey()
    {
        var (home, fingerprint) = NewKey("signer", Path.Combine(_apt, "signer.gpg"));
        var other = Path.Combine(_apt, "other.gpg");
        NewKey("other", other);

        new AptRepository(ProcessRunner.Default, home).Write(_repo, fingerprint);

        var update = AptGet(other, "update");
        Assert.False(update.Succeeded);
        Assert.Contains("NO_PUBKEY", update.StandardOutput + update.StandardError);
    }

    [Fact]
    public void AFolderWithoutPackagesIsRefused()
    {
        var e = Assert.Throws<UpdateDebException>(() => new AptRepository(ProcessRunner.Default).Write(SamplePackage.Scratch(), "none"));
        Assert.Contains("holds no .deb file", e.Message);
    }
}
