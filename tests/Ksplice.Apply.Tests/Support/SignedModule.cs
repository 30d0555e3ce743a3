using System.Buffers.Binary;
using System.Text;
using Ksplice.Elf.Modules;

namespace Ksplice.Apply.Tests.Support;

/// <summary>
/// A module with a signature appended the way scripts/sign-file appends one (a PKCS#7 blob, struct module_signature with
/// id_type 2 and the big-endian blob length, the marker). The blob is not a real signature: what apply does with a
/// signed module does not depend on it (the signing tests check real ones with the kernel's tools).
/// </summary>
public static class SignedModule
{
    public static string Write(string module)
    {
        var blob = Encoding.ASCII.GetBytes("not a real PKCS#7 signature");
        var info = new byte[ModuleSignature.InfoSize];
        info[2] = (byte)ModuleSignatureIdType.Pkcs7;
        BinaryPrimitives.WriteUInt32BigEndian(info.AsSpan(8), (uint)blob.Length);
        var path = Path.Combine(Directory.CreateTempSubdirectory("ksplice-signed-").FullName, "signed.ko");
        File.WriteAllBytes(path, [.. File.ReadAllBytes(module), .. blob, .. info, .. Encoding.ASCII.GetBytes(ModuleSignature.Marker)]);
        return path;
    }
}
