using System.Buffers.Binary;
using System.Text;

namespace Ksplice.Elf.Modules;

/// <summary>
/// The signature scripts/sign-file appends to a module (include/linux/module_signature.h): the module's bytes, the
/// signature (for PKCS#7, a detached CMS SignedData over the module's bytes), a 12-byte <c>struct module_signature</c>
/// (algo, hash, id_type, signer_len, key_id_len, 3 pad bytes, big-endian sig_len) and the marker
/// <c>"~Module signature appended~\n"</c>. The kernel strips it before reading the ELF; so does ksplice.
/// </summary>
public sealed record ModuleSignature(int ModuleLength, ModuleSignatureIdType IdType, byte[] Signature)
{
    public const string Marker = "~Module signature appended~\n";

    /// <summary>sizeof(struct module_signature).</summary>
    public const int InfoSize = 12;

    private static readonly byte[] MarkerBytes = Encoding.ASCII.GetBytes(Marker);

    /// <summary>Who signed it, read from the PKCS#7 blob; null when it is not PKCS#7 or names no signer we can read.</summary>
    public ModuleSigner? Signer => IdType == ModuleSignatureIdType.Pkcs7 ? ModuleSigner.TryRead(Signature) : null;

    /// <summary>True when <paramref name="file"/> ends with the marker (well formed or not).</summary>
    public static bool IsAppended(ReadOnlySpan<byte> file) => file.EndsWith(MarkerBytes);

    /// <summary>
    /// The appended signature of <paramref name="file"/>, or null when it carries none. A marker whose
    /// <c>module_signature</c> does not fit the file is refused, as the kernel refuses it (EBADMSG).
    /// </summary>
    public static ModuleSignature? Find(ReadOnlySpan<byte> file, string origin)
    {
        if (!IsAppended(file)) return null;
        var end = file.Length - MarkerBytes.Length;
        if (end < InfoSize) throw new KernelModuleFormatException($"{origin}: the module signature marker has no module_signature before it");
        var info = file.Slice(end - InfoSize, InfoSize);
        var idType = info[2];
        var signerLength = info[3];
        var keyIdLength = info[4];
        var signatureLength = BinaryPrimitives.ReadUInt32BigEndian(info[8..]);
        if (!Enum.IsDefined(typeof(ModuleSignatureIdType), idType))
            throw new KernelModuleFormatException($"{origin}: module_signature.id_type {idType} is not a known signature type");
        var total = (long)signatureLength + signerLength + keyIdLength;
        if (signatureLength == 0 || total > end - InfoSize)
            throw new KernelModuleFormatException($"{origin}: the appended module signature claims {total} bytes, more than the {end - InfoSize} before it");
        var moduleLength = (int)(end - InfoSize - total);
        var signature = file.Slice(end - InfoSize - (int)signatureLength, (int)signatureLength).ToArray();
        return new ModuleSignature(moduleLength, (ModuleSignatureIdType)idType, signature);
    }

    /// <summary>The module without its appended signature (the bytes the signature covers); the file itself when unsigned.</summary>
    public static ReadOnlyMemory<byte> Strip(byte[] file, string origin) =>
        Find(file, origin) is { } signature ? file.AsMemory(0, signature.ModuleLength) : file;
}
