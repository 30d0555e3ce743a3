using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Ksplice.Elf.Modules;

/// <summary>
/// Who signed a module, from the first SignerInfo of its PKCS#7 SignedData: the issuer and serial number of the
/// certificate (sign-file names the signer that way unless told to use the key identifier) or the subject key
/// identifier, and the digest algorithm: what <c>modinfo</c> prints as signer, sig_key (upper-case hex, colon-separated)
/// and sig_hashalgo.
/// </summary>
public sealed record ModuleSigner(string Issuer, string Key, string DigestAlgorithm)
{
    private const string SignedDataOid = "1.2.840.113549.1.7.2";

    private static readonly Dictionary<string, string> Digests = new(StringComparer.Ordinal)
    {
        ["1.3.14.3.2.26"] = "sha1",
        ["2.16.840.1.101.3.4.2.4"] = "sha224",
        ["2.16.840.1.101.3.4.2.1"] = "sha256",
        ["2.16.840.1.101.3.4.2.2"] = "sha384",
        ["2.16.840.1.101.3.4.2.3"] = "sha512",
    };

    /// <summary>Reads the signer of a DER (or BER) ContentInfo holding SignedData; null when it is not one.</summary>
    public static ModuleSigner? TryRead(byte[] pkcs7)
    {
        try
        {
            var contentInfo = new AsnReader(pkcs7, AsnEncodingRules.BER).ReadSequence();
            if (contentInfo.ReadObjectIdentifier() != SignedDataOid) return null;
            var signedData = contentInfo.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
            signedData.ReadInteger(); // version
            signedData.ReadSetOf(); // digestAlgorithms
            signedData.ReadSequence(); // encapContentInfo
            while (signedData.HasData && signedData.PeekTag().TagClass == TagClass.ContextSpecific)
                signedData.ReadEncodedValue(); // [0] certificates, [1] crls
            var signerInfo = signedData.ReadSetOf().ReadSequence();
            signerInfo.ReadInteger(); // version
            string issuer, key;
            if (signerInfo.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var issuerAndSerial = signerInfo.ReadSequence();
                issuer = new X500DistinguishedName(issuerAndSerial.ReadEncodedValue().ToArray()).Name;
                key = Hex(issuerAndSerial.ReadIntegerBytes().ToArray());
            }
            else
            {
                issuer = "";
                key = Hex(signerInfo.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 0)));
            }
            var digestOid = signerInfo.ReadSequence().ReadObjectIdentifier();
            return new ModuleSigner(issuer, key, Digests.GetValueOrDefault(digestOid, digestOid));
        }
        catch (Exception e) when (e is AsnContentException or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static string Hex(byte[] bytes) => string.Join(':', bytes.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
