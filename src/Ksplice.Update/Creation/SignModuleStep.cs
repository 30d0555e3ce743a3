using Ksplice.Update.Signing;

namespace Ksplice.Update.Creation;

/// <summary>--sign-key/--sign-cert: signs the update module with the kernel's scripts/sign-file before the package is
/// written, so the manifest's SHA-256 covers the signed bytes.</summary>
public static class SignModuleStep
{
    public static BuiltModules Run(CreateContext context, KernelSignFile signFile, SigningKey key, BuiltModules modules, string work)
    {
        context.Progress.Step($"Signing the update module ({KernelSignFile.HashAlgorithm}, {key.CertificatePath})");
        var signed = Path.Combine(work, "signed", Path.GetFileName(modules.UpdateModule));
        Directory.CreateDirectory(Path.GetDirectoryName(signed)!);
        signFile.Sign(modules.UpdateModule, key, signed);
        return modules with { UpdateModule = signed };
    }
}
