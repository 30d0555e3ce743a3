using Ksplice.Source.Process;

namespace Ksplice.Vm;

/// <summary>
/// A signed flat apt repository made on the host for a guest: the .deb files added, indexed by apt-ftparchive, the
/// Release file clearsigned into InRelease with a throwaway key (ed25519, no passphrase, in its own gpg home). A guest
/// trusts exactly that key through <c>signed-by</c> (<see cref="SourcesLine"/>), so apt checks the signature as it
/// does for Debian's own archive.
/// </summary>
public sealed class AptRepository
{
    /// <summary>The signing key's user id, which names it to gpg (and to <c>ksplice repo --key</c>).</summary>
    public const string KeyUser = "ksplice test repository <ksplice-test@invalid>";

    private readonly IProcessRunner _runner;
    private readonly string _gnupgHome;

    /// <summary>Creates <paramref name="directory"/> with repo/ (the repository), keyring.gpg (the public key) and a gpg home.</summary>
    public AptRepository(string directory, IProcessRunner? runner = null)
    {
        _runner = runner ?? ProcessRunner.Default;
        Directory.CreateDirectory(directory);
        RepositoryDirectory = Directory.CreateDirectory(Path.Combine(directory, "repo")).FullName;
        _gnupgHome = Directory.CreateDirectory(Path.Combine(directory, "gnupg")).FullName;
        File.SetUnixFileMode(_gnupgHome, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Keyring = Path.Combine(Path.GetFullPath(directory), "keyring.gpg");
        Gpg("--quick-generate-key", KeyUser, "ed25519", "sign", "never");
        Gpg("--output", Keyring, "--export", KeyUser);
        StopAgent();
    }

    /// <summary>The directory apt reads: the packages, Packages, Release and InRelease.</summary>
    public string RepositoryDirectory { get; }

    /// <summary>The public key in a binary keyring, for the guest's <c>signed-by</c>.</summary>
    public string Keyring { get; }

    /// <summary>The gpg home holding the secret key (GNUPGHOME for another signer, such as <c>ksplice repo</c>).</summary>
    public string GnupgHome => _gnupgHome;

    public AptRepository Add(string deb)
    {
        File.Copy(deb, Path.Combine(RepositoryDirectory, Path.GetFileName(deb)), overwrite: true);
        return this;
    }

    /// <summary>Indexes the packages and signs the index; run again after adding packages.</summary>
    public AptRepository Publish()
    {
        File.WriteAllText(Path.Combine(RepositoryDirectory, "Packages"), FtpArchive("packages", "."));
        File.Delete(Path.Combine(RepositoryDirectory, "Release"));
        var release = FtpArchive("-o", "APT::FTPArchive::Release::Origin=ksplice-test",
            "-o", "APT::FTPArchive::Release::Label=ksplice-test", "release", ".");
        File.WriteAllText(Path.Combine(RepositoryDirectory, "Release"), release);
        Gpg("--yes", "--local-user", KeyUser, "--clearsign", "--output", Path.Combine(RepositoryDirectory, "InRelease"),
            Path.Combine(RepositoryDirectory, "Release"));
        StopAgent();
        return this;
    }

    /// <summary>The one-line apt source for the repository as the guest sees it, trusting only <paramref name="guestKeyring"/>.</summary>
    public static string SourcesLine(string guestDirectory, string guestKeyring) =>
        $"deb [signed-by={guestKeyring}] file:{guestDirectory} ./";

    /// <summary>gpg starts an agent for every use of the secret key; none may outlive the test.</summary>
    public void StopAgent() => _runner.RunChecked("gpgconf", "--homedir", _gnupgHome, "--kill", "gpg-agent");

    private string FtpArchive(params string[] arguments) =>
        _runner.RunChecked(new ProcessSpec("apt-ftparchive", arguments) { WorkingDirectory = RepositoryDirectory }).StandardOutput;

    private void Gpg(params string[] arguments) =>
        _runner.RunChecked(new ProcessSpec("gpg", ["--homedir", _gnupgHome, "--batch", "--pinentry-mode", "loopback",
            "--passphrase", "", .. arguments]), "gpg for the test apt repository");
}
