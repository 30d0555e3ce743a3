namespace Ksplice.Update.Signing;

/// <summary>
/// --sign-key=KEY --sign-cert=CERT: the private key (PEM; a passphrase comes from KBUILD_SIGN_PIN, as for kbuild) and
/// the X.509 certificate (PEM or DER) scripts/sign-file signs the update module with. Both must be regular files the
/// caller can read; <see cref="Open"/> checks that before anything is built.
/// </summary>
public sealed record SigningKey(string KeyPath, string CertificatePath)
{
    public static SigningKey Open(string key, string certificate) =>
        new(Check(Path.GetFullPath(key), "--sign-key", "private key"), Check(Path.GetFullPath(certificate), "--sign-cert", "certificate"));

    private static string Check(string path, string option, string what)
    {
        var kind = FileKind.Describe(path);
        if (kind is null) throw new SigningException($"{option}={path}: no such file; give the {what} to sign the update module with");
        if (kind != "regular file") throw new SigningException($"{option}={path}: is a {kind}, not a regular file; give the {what} file");
        try
        {
            using var _ = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new SigningException($"{option}={path}: cannot be read by you ({Environment.UserName}): {e.Message}");
        }
        return path;
    }
}
