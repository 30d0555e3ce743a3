using System.Security.Cryptography;

namespace Ksplice.Package;

/// <summary>The SHA-256 of a package file, as lowercase hex: what the manifest's <c>files</c> map holds.</summary>
public static class FileDigest
{
    private const int HexLength = 64;

    public static string Of(Stream contents) => Convert.ToHexStringLower(SHA256.HashData(contents));

    public static string OfFile(string path)
    {
        using var stream = RegularFile.OpenRead(path);
        return Of(stream);
    }

    public static bool IsDigest(string? text) => text is { Length: HexLength } && text.All(char.IsAsciiHexDigitLower);
}
