using System.Text.RegularExpressions;

namespace Ksplice.Source.Patches;

/// <summary>
/// The GNU patch options --patch-opt may give: how to read the patch (-pN, -R, -l, -F N, -N, --binary), never where to
/// write (-d, -o, -r, -B, -Y), what else to read (-i, -D) or how to run (-e/-n/--posix), which would bypass the checks of
/// <see cref="PatchApplier"/>.
/// </summary>
public static partial class PatchOptions
{
    [GeneratedRegex(@"^(-p\d+|--strip=\d+|-R|--reverse|-l|--ignore-whitespace|-F\d+|--fuzz=\d+|-N|--forward|--binary|-u|--unified)$")]
    private static partial Regex Allowed();

    /// <summary>Throws naming the first option (word) that is not allowed; a bare -p, --strip, -F or --fuzz takes the next word.</summary>
    public static void Check(IEnumerable<string> options)
    {
        var words = options.SelectMany(o => o.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            var given = words[i];
            var word = words[i] is "-p" or "--strip" or "-F" or "--fuzz" && i + 1 < words.Count && words[i + 1].All(char.IsAsciiDigit)
                ? words[i] + (words[i].StartsWith("--", StringComparison.Ordinal) ? "=" : "") + words[++i]
                : words[i];
            if (!Allowed().IsMatch(word))
                throw new KspliceSourceException(
                    $"--patch-opt={given}: not an option ksplice passes to GNU patch; give only how to read the patch (-pN, -R, -l, -F N, -N, --binary).");
        }
    }
}
