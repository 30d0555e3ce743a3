using Ksplice.Corpus;
using Ksplice.TestSupport;

namespace Ksplice.EndToEnd.Tests;

/// <summary>
/// The cmdline-string corpus update created with --sign-key/--sign-cert. The throwaway key is made once and kept in the
/// test cache (a new key would make the cached create stale on every run).
/// </summary>
public static class SignedUpdate
{
    public const string Id = "signed_cmdline";
    public const string Signer = "ksplice e2e signing key";

    public static (string Key, string Certificate) Key()
    {
        var dir = Path.Combine(TestPaths.CacheRoot, "e2e-signing-key");
        Directory.CreateDirectory(dir);
        using var _ = FileLock.Acquire(Path.Combine(dir, ".lock"), TimeSpan.FromMinutes(1));
        var key = Path.Combine(dir, "signing_key.pem");
        var certificate = Path.Combine(dir, "signing_cert.pem");
        return File.Exists(key) && File.Exists(certificate) ? (key, certificate) : ModuleSignatureCheck.ThrowawayKey(dir, Signer);
    }

    public static CreateRun Create()
    {
        var patch = VisibleCorpus.Named("cmdline-string").PatchPath;
        var (key, certificate) = Key();
        return KspliceTool.Create(Id, [$"--patch={patch}", $"--sign-key={key}", $"--sign-cert={certificate}"], [patch, key, certificate]);
    }
}
