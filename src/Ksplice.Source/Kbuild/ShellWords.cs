using System.Text;

namespace Ksplice.Source.Kbuild;

/// <summary>Splits the POSIX shell command lines kbuild records (single and double quotes, backslashes).</summary>
public static class ShellWords
{
    public static IReadOnlyList<string> Split(string commandLine)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < commandLine.Length; i++)
        {
            var c = commandLine[i];
            switch (c)
            {
                case '\'':
                    var end = commandLine.IndexOf('\'', i + 1);
                    if (end < 0) end = commandLine.Length;
                    current.Append(commandLine, i + 1, end - i - 1);
                    i = end;
                    inWord = true;
                    break;
                case '"':
                    i++;
                    for (; i < commandLine.Length && commandLine[i] != '"'; i++)
                    {
                        if (commandLine[i] == '\\' && i + 1 < commandLine.Length && "\"\\$`".Contains(commandLine[i + 1])) i++;
                        current.Append(commandLine[i]);
                    }
                    inWord = true;
                    break;
                case '\\' when i + 1 < commandLine.Length:
                    current.Append(commandLine[++i]);
                    inWord = true;
                    break;
                case ' ' or '\t' or '\n':
                    if (inWord) words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                    break;
                default:
                    current.Append(c);
                    inWord = true;
                    break;
            }
        }
        if (inWord) words.Add(current.ToString());
        return words;
    }

    /// <summary>The text before the first <c>;</c> that is outside quotes.</summary>
    public static string FirstCommand(string commandLine)
    {
        var quote = '\0';
        for (var i = 0; i < commandLine.Length; i++)
        {
            var c = commandLine[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; else if (c == '\\' && quote == '"') i++; }
            else if (c is '\'' or '"') quote = c;
            else if (c == '\\') i++;
            else if (c == ';') return commandLine[..i];
        }
        return commandLine;
    }
}
