using System.Security.Cryptography;

namespace Ksplice.Update.Manifest;

/// <summary>Update ids: 8 random characters of [a-z0-9] by default, as the original; users may choose [a-z0-9_]{1,32}.</summary>
public static class UpdateId
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewRandom() => new(Enumerable.Range(0, 8).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]).ToArray());

    public static bool IsValid(string id) =>
        id.Length is > 0 and <= 32 && id.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_');
}
