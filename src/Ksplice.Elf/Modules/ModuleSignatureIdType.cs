namespace Ksplice.Elf.Modules;

/// <summary><c>module_signature.id_type</c> (include/linux/module_signature.h): how the signature is encoded.</summary>
public enum ModuleSignatureIdType : byte
{
    Pgp = 0,
    X509 = 1,
    /// <summary>A PKCS#7/CMS SignedData blob: what scripts/sign-file writes.</summary>
    Pkcs7 = 2,
}
