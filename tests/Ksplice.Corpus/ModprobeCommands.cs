using System.Text.RegularExpressions;

namespace Ksplice.Corpus;

/// <summary>
/// The modules a case's `setup` script loads with modprobe, for the guest to carry: `modprobe [OPTIONS] NAME [PARAM=VALUE...]`
/// and `modprobe -a|-r NAME...`, run as a command (after `if`, `!`, `&&`, `;`, a pipe, variable assignments), not named in
/// an argument or a comment. A name that is not literal (`$MODULE`) cannot be known and is left out.
/// </summary>
public static partial class ModprobeCommands
{
    /// <summary>Words that may stand before a command without being it.</summary>
    private static readonly string[] Prefixes = ["if", "then", "else", "elif", "do", "while", "until", "!", "exec", "command", "busybox", "time"];

    /// <summary>Options whose value is the next word.</summary>
    private static readonly string[] TakingValue = ["-C", "--config", "-d", "--dirname", "-S", "--set-version"];

    /// <summary>Options after which every word is a module name (the others take parameters after the name).</summary>
    private static readonly string[] Several = ["-a", "--all", "-r", "--remove"];

    public static IReadOnlyList<string> Modules(string script)
    {
        var modules = new List<string>();
        foreach (var command in Separator().Split(Comment().Replace(script, "")))
        {
            var words = command.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(Unquote).ToList();
            var at = words.FindIndex(w => !Prefixes.Contains(w) && !Assignment().IsMatch(w));
            if (at < 0 || Path.GetFileName(words[at]) != "modprobe") continue;
            modules.AddRange(Names(words.Skip(at + 1).ToList()));
        }
        return modules.Distinct(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> Names(List<string> arguments)
    {
        var several = false;
        var optionsEnded = false;
        var named = 0;
        for (var i = 0; i < arguments.Count; i++)
        {
            var word = arguments[i];
            if (Redirection().IsMatch(word))
            {
                if (Redirection().Match(word).Groups["target"].Value.Length == 0) i++;
                continue;
            }
            if (!optionsEnded && word == "--")
            {
                optionsEnded = true;
                continue;
            }
            if (!optionsEnded && word.StartsWith('-'))
            {
                if (TakingValue.Contains(word) || (!word.StartsWith("--", StringComparison.Ordinal) && TakingValue.Contains("-" + word[^1]))) i++;
                several |= Several.Contains(word) || (!word.StartsWith("--", StringComparison.Ordinal) && word.AsSpan(1).IndexOfAny('a', 'r') >= 0);
                continue;
            }
            if (named++ > 0 && !several) continue;
            if (ModuleName().IsMatch(word)) yield return word;
        }
    }

    private static string Unquote(string word) => word.Length >= 2 && word[0] is '"' or '\'' && word[^1] == word[0] ? word[1..^1] : word;

    [GeneratedRegex(@"(?:^|(?<=\s))#.*$", RegexOptions.Multiline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"\|\||&&|[;|&()`\n]|\$\(")]
    private static partial Regex Separator();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*=")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^\d*(?:>>?|<)&?(?<target>.*)$")]
    private static partial Regex Redirection();

    [GeneratedRegex(@"^[A-Za-z0-9_-]+$")]
    private static partial Regex ModuleName();
}
