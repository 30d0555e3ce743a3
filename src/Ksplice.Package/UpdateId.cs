using System.Security.Cryptography;

namespace Ksplice.Package;

/// <summary>Update ids: 8 random characters of [a-z0-9] by default, as the original; users may choose [a-z0-9_]{1,32}.</summary>
public static class UpdateId
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public const int MaximumLength = 32;

    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule = "1 to 32 characters of [a-z0-9_]";

    public static string NewRandom() => new(Enumerable.Range(0, 8).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]).ToArray());

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaximumLength } && id.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_');
}
