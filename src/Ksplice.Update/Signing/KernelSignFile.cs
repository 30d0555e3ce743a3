using Ksplice.Elf.Modules;
using Ksplice.Source.Kernel;
using Ksplice.Source.Process;

namespace Ksplice.Update.Signing;

/// <summary>
/// The kernel's own scripts/sign-file, from the headers tree kbuild builds against (<c>HEADERS/scripts</c>, on Debian a
/// link to <c>/usr/lib/linux-kbuild-6.1/scripts</c>): appends a PKCS#7 signature (sha256, no certificates, as kbuild's
/// modules_sign) and the module_signature trailer. Started by absolute path with the environment ksplice builds; only
/// KBUILD_SIGN_PIN (the key's passphrase) is passed on from the caller.
/// </summary>
public sealed class KernelSignFile(string path, IProcessRunner runner)
{
    public const string HashAlgorithm = "sha256";
    public const string PinVariable = "KBUILD_SIGN_PIN";

    public string Path { get; } = path;

    /// <summary>sign-file for the kernel of <paramref name="headers"/>; throws <see cref="SigningException"/> when there is none.</summary>
    public static KernelSignFile Locate(HeadersDir headers, IProcessRunner runner)
    {
        var candidates = new List<string> { System.IO.Path.Combine(headers.Path, "scripts", "sign-file") };
        if (KbuildVersion(headers.Release) is { } version) candidates.Add($"/usr/lib/linux-kbuild-{version}/scripts/sign-file");
        var found = candidates.FirstOrDefault(c => CommandPath.Resolve(c) is not null);
        return found is not null ? new KernelSignFile(found, runner)
            : throw new SigningException($"no scripts/sign-file for kernel {headers.Release} (looked at {string.Join(", ", candidates)}); install linux-kbuild-{KbuildVersion(headers.Release) ?? "<version>"}");
    }

    /// <summary>Writes <paramref name="module"/> signed with <paramref name="key"/> to <paramref name="output"/>.</summary>
    public void Sign(string module, SigningKey key, string output)
    {
        var environment = new Dictionary<string, string?>();
        if (Environment.GetEnvironmentVariable(PinVariable) is { } pin) environment[PinVariable] = pin;
        var result = runner.Run(new ProcessSpec(Path, [HashAlgorithm, key.KeyPath, key.CertificatePath, module, output])
        {
            Environment = environment,
            Timeout = TimeSpan.FromMinutes(1),
        });
        if (!result.Succeeded)
            throw new SigningException($"{Path} could not sign {System.IO.Path.GetFileName(module)} with {key.KeyPath} and {key.CertificatePath} (exit {result.ExitCode}):\n{result.Tail()}");
        var signed = File.ReadAllBytes(output);
        if (ModuleSignature.Find(signed, output) is not { IdType: ModuleSignatureIdType.Pkcs7 })
            throw new SigningException($"{Path} exited 0 but {output} carries no PKCS#7 module signature");
    }

    /// <summary>"6.1" of "6.1.0-57-amd64": Debian's linux-kbuild-6.1.</summary>
    private static string? KbuildVersion(string release)
    {
        var parts = release.Split('.', 3);
        return parts.Length >= 2 && parts[0].All(char.IsAsciiDigit) && parts[1].All(char.IsAsciiDigit) ? $"{parts[0]}.{parts[1]}" : null;
    }
}
