using Ksplice.Source.Process;

namespace Ksplice.TestSupport;

/// <summary>
/// Module signatures checked with the kernel's own tools rather than ours: a throwaway key made with openssl, and
/// verification by linux-source's scripts/extract-module-sig.pl (the signature, and the module without it) and
/// <c>openssl cms -verify</c> of that detached signature against the stripped module. Debian's kernel trusts only
/// Debian's keys, so a module signed here is checked this way, not by loading it.
/// </summary>
public static class ModuleSignatureCheck
{
    private static readonly Lazy<string> Script = new(ExtractScript);

    /// <summary>A self-signed RSA-2048 key and certificate (CN=<paramref name="commonName"/>, one day) in <paramref name="directory"/>.</summary>
    public static (string Key, string Certificate) ThrowawayKey(string directory, string commonName = "ksplice test")
    {
        var key = Path.Combine(directory, "signing_key.pem");
        var certificate = Path.Combine(directory, "signing_cert.pem");
        ProcessRunner.Default.RunChecked(ProcessSpec.Of("openssl", "req", "-new", "-nodes", "-utf8", "-sha256", "-days", "1", "-batch",
            "-x509", "-subj", "/CN=" + commonName, "-newkey", "rsa:2048", "-keyout", key, "-out", certificate), "making a throwaway signing key");
        return (key, certificate);
    }

    /// <summary>The certificate's serial number as modinfo prints sig_key (upper-case hex bytes joined by ':').</summary>
    public static string Serial(string certificate)
    {
        var hex = ProcessRunner.Default.Output("openssl", "x509", "-in", certificate, "-noout", "-serial").Trim()["serial=".Length..];
        if (hex.Length % 2 == 1) hex = "0" + hex;
        return string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(2 * i, 2)));
    }

    /// <summary>
    /// Splits <paramref name="signedModule"/> with extract-module-sig.pl and verifies the signature over the stripped
    /// module with openssl against <paramref name="certificate"/>. Returns openssl's result and the stripped module's path.
    /// </summary>
    public static (ProcessResult Verification, string Stripped) Verify(string signedModule, string certificate, string directory)
    {
        var signature = Path.Combine(directory, "module.p7s");
        var stripped = Path.Combine(directory, "module.stripped.ko");
        File.WriteAllBytes(signature, Extract("-s", signedModule));
        File.WriteAllBytes(stripped, Extract("-0", signedModule));
        var verification = ProcessRunner.Default.Run(ProcessSpec.Of("openssl", "cms", "-verify", "-binary", "-inform", "DER",
            "-in", signature, "-content", stripped, "-certfile", certificate, "-nointern", "-CAfile", certificate, "-out", "/dev/null"));
        return (verification, stripped);
    }

    private static byte[] Extract(string mode, string module)
    {
        var result = ProcessRunner.Default.Run(ProcessSpec.Of("perl", Script.Value, mode, module));
        return result.Succeeded ? result.StandardOutputBytes
            : throw new ProcessFailedException(result, $"extract-module-sig.pl {mode} {module}");
    }

    /// <summary>scripts/extract-module-sig.pl of the installed linux-source, extracted once into the test cache.</summary>
    private static string ExtractScript()
    {
        var tarball = KernelTree.FindTarball();
        var top = Path.GetFileName(tarball)[..^".tar.xz".Length];
        var path = Path.Combine(TestPaths.CacheRoot, "kernel-scripts", top, "extract-module-sig.pl");
        using var _ = FileLock.Acquire(path + ".lock", TimeSpan.FromMinutes(5));
        if (File.Exists(path)) return path;
        var result = ProcessRunner.Default.Run(ProcessSpec.Of("tar", "-xJf", tarball, "--occurrence=1", "-O", $"{top}/scripts/extract-module-sig.pl"));
        if (!result.Succeeded || result.StandardOutputBytes.Length == 0)
            throw new ProcessFailedException(result, $"extracting scripts/extract-module-sig.pl from {tarball}");
        File.WriteAllBytes(path + ".tmp", result.StandardOutputBytes);
        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }
}
