using Ksplice.Elf.Modules;
using Ksplice.Source.Kernel;
using Ksplice.Source.Process;
using Ksplice.TestSupport;
using Ksplice.Update.Signing;
using Xunit;

namespace Ksplice.Update.Tests;

/// <summary>
/// ksplice-create's --sign-key/--sign-cert: the key checks, and an already built module (the installed core, a kbuild
/// .ko) signed by the kernel's scripts/sign-file whose appended signature verifies with the kernel's own tools.
/// </summary>
public sealed class SigningTests
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ksplice-signing-").FullName;

    private static HeadersDir Headers
    {
        get
        {
            var found = Directory.GetDirectories("/usr/src", "linux-headers-*-amd64");
            return found.Length == 1 ? HeadersDir.Open(found[0])
                : throw new InvalidOperationException($"expected one /usr/src/linux-headers-*-amd64, found {found.Length} (./run setup)");
        }
    }

    private static string InstalledCore(HeadersDir headers)
    {
        var path = $"/lib/modules/{headers.Release}/extra/ksplice_core.ko";
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: ./run setup installs it", path);
    }

    [Fact]
    public void Sign_fileSignsAModuleWithASignatureTheKernelsToolsVerify()
    {
        var headers = Headers;
        var (key, certificate) = ModuleSignatureCheck.ThrowawayKey(_dir, "ksplice signing test");
        var module = InstalledCore(headers);
        var signed = Path.Combine(_dir, "signed.ko");
        var recorder = new RecordingProcessRunner(ProcessRunner.Default);
        var signFile = KernelSignFile.Locate(headers, recorder);

        signFile.Sign(module, SigningKey.Open(key, certificate), signed);

        var invocation = Assert.Single(recorder.Specs);
        Assert.True(Path.IsPathRooted(invocation.FileName));
        Assert.EndsWith("/scripts/sign-file", invocation.FileName, StringComparison.Ordinal);
        Assert.Equal(["sha256", key, certificate, module, signed], invocation.Arguments);

        var (verification, stripped) = ModuleSignatureCheck.Verify(signed, certificate, _dir);
        Assert.True(verification.Succeeded, verification.StandardError);
        Assert.Equal(File.ReadAllBytes(module), File.ReadAllBytes(stripped));

        var signature = Assert.IsType<ModuleSignature>(KernelModuleFile.ReadFile(signed).Signature);
        Assert.Equal(new FileInfo(module).Length, signature.ModuleLength);
        var signer = Assert.IsType<ModuleSigner>(signature.Signer);
        Assert.Equal("CN=ksplice signing test", signer.Issuer);
        Assert.Equal(ModuleSignatureCheck.Serial(certificate), signer.Key);
        Assert.Equal("sha256", signer.DigestAlgorithm);
    }

    [Fact]
    public void ASignatureOverOtherBytesDoesNotVerify()
    {
        var headers = Headers;
        var (key, certificate) = ModuleSignatureCheck.ThrowawayKey(_dir);
        var signed = Path.Combine(_dir, "signed.ko");
        KernelSignFile.Locate(headers, ProcessRunner.Default).Sign(InstalledCore(headers), SigningKey.Open(key, certificate), signed);
        var bytes = File.ReadAllBytes(signed);
        bytes[100] ^= 0xff; // a byte of the module (its build-id note), not of the signature
        File.WriteAllBytes(signed, bytes);

        var (verification, _) = ModuleSignatureCheck.Verify(signed, certificate, _dir);

        Assert.False(verification.Succeeded);
    }

    [Fact]
    public void AKeyThatIsNotAFileIsRefusedByName()
    {
        var (_, certificate) = ModuleSignatureCheck.ThrowawayKey(_dir);
        var missing = Path.Combine(_dir, "no-such-key.pem");

        var e = Assert.Throws<SigningException>(() => SigningKey.Open(missing, certificate));

        Assert.Equal($"--sign-key={missing}: no such file; give the private key to sign the update module with", e.Message);
    }

    [Fact]
    public void ADirectoryIsNotACertificate()
    {
        var (key, _) = ModuleSignatureCheck.ThrowawayKey(_dir);

        var e = Assert.Throws<SigningException>(() => SigningKey.Open(key, _dir));

        Assert.Equal($"--sign-cert={_dir}: is a directory, not a regular file; give the certificate file", e.Message);
    }

    [Fact]
    public void AFifoIsRefusedWithoutWaitingForAWriter()
    {
        var (_, certificate) = ModuleSignatureCheck.ThrowawayKey(_dir);
        var fifo = Path.Combine(_dir, "key.fifo");
        ProcessRunner.Default.RunChecked("mkfifo", fifo);

        var e = Assert.Throws<SigningException>(() => SigningKey.Open(fifo, certificate));

        Assert.Contains("is a FIFO, socket or device, not a regular file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_fileRefusingTheKeySaysSo()
    {
        var headers = Headers;
        var (_, certificate) = ModuleSignatureCheck.ThrowawayKey(_dir);
        var notAKey = Path.Combine(_dir, "not-a-key.pem");
        File.WriteAllText(notAKey, "not a key\n");

        var e = Assert.Throws<SigningException>(() =>
            KernelSignFile.Locate(headers, ProcessRunner.Default).Sign(InstalledCore(headers), SigningKey.Open(notAKey, certificate), Path.Combine(_dir, "s.ko")));

        Assert.Contains("could not sign ksplice_core.ko", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "s.ko")) && ModuleSignature.IsAppended(File.ReadAllBytes(Path.Combine(_dir, "s.ko"))));
    }
}
