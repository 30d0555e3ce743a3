namespace Ksplice.Source.Patches;

/// <summary>
/// Keeps the line numbers of unchanged code after a patch, as the kernel's klp-build does: after each changed region of
/// a C file or header, a `#line N` directive gives the following lines their original numbers. Without it, a patch
/// shifts `__LINE__` (bug table entries, WARN messages, fortify strings) in every function below a hunk, and those
/// functions would look changed. A directive goes only where one is safe: between complete lines, outside a comment,
/// not after a line continued with a backslash, and after a line that ends a statement, a block or a directive.
/// </summary>
public static class LineDirectives
{
    public static bool AppliesTo(string path) =>
        path.EndsWith(".c", StringComparison.Ordinal) || path.EndsWith(".h", StringComparison.Ordinal);

    /// <summary>The post text with directives added, or the text unchanged when line numbers already agree.</summary>
    public static string Preserve(string preText, string postText)
    {
        var pre = SplitLines(preText);
        var post = SplitLines(postText);
        var common = LineDiff.CommonLines(pre, post);
        var preLineOf = new int[post.Count];
        Array.Fill(preLineOf, -1);
        foreach (var (o, n) in common) preLineOf[n] = o;

        var states = CommentStates(post);
        var directiveEnds = DirectiveEnds(post);
        var output = new List<string>(post.Count + 16);
        var currentNumber = 1; // the number the compiler assigns to the next emitted line
        for (var i = 0; i < post.Count; i++)
        {
            if (preLineOf[i] >= 0)
            {
                var original = preLineOf[i] + 1;
                if (currentNumber != original && i > 0 && (directiveEnds[i - 1] || SafeAfter(post[i - 1], states[i - 1])))
                {
                    output.Add($"#line {original}");
                    currentNumber = original;
                }
            }
            output.Add(post[i]);
            currentNumber++;
        }
        var text = string.Join('\n', output);
        return postText.EndsWith('\n') ? text + "\n" : text;
    }

    /// <summary>Adds the directives to every modified C file and header of a patch in the post tree.</summary>
    public static int Apply(string preTree, string postTree, IEnumerable<TouchedFile> files)
    {
        var changed = 0;
        foreach (var file in files.Where(f => f.Change == FileChangeKind.Modified && AppliesTo(f.Path)))
        {
            var prePath = Trees.TreePath.Inside(preTree, file.Path);
            var postPath = Trees.TreePath.Inside(postTree, file.Path);
            var postText = TextEncoding.GetString(File.ReadAllBytes(postPath));
            var preserved = Preserve(TextEncoding.GetString(File.ReadAllBytes(prePath)), postText);
            if (preserved == postText) continue;
            // Replace rather than rewrite: the post file must never share an inode with the pristine tree.
            Trees.SafeFile.WriteAllBytesReplacing(postPath, TextEncoding.GetBytes(preserved), Trees.FileModes.Get(postPath));
            changed++;
        }
        return changed;
    }

    /// <summary>Latin-1 maps every byte to one character and back, so a file in any encoding is rewritten unchanged but for the directives.</summary>
    private static readonly System.Text.Encoding TextEncoding = System.Text.Encoding.Latin1;

    private static List<string> SplitLines(string text)
    {
        var lines = text.Split('\n').ToList();
        if (text.EndsWith('\n')) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    /// <summary>For each line: true when the line ends inside a /* */ comment.</summary>
    private static bool[] CommentStates(List<string> lines)
    {
        var states = new bool[lines.Count];
        var inComment = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var inString = '\0';
            for (var j = 0; j < line.Length; j++)
            {
                var c = line[j];
                if (inComment)
                {
                    if (c == '*' && j + 1 < line.Length && line[j + 1] == '/') { inComment = false; j++; }
                }
                else if (inString != '\0')
                {
                    if (c == '\\') j++;
                    else if (c == inString) inString = '\0';
                }
                else if (c == '/' && j + 1 < line.Length && line[j + 1] == '*') { inComment = true; j++; }
                else if (c == '/' && j + 1 < line.Length && line[j + 1] == '/') break;
                else if (c is '"' or '\'') inString = c;
            }
            states[i] = inComment;
        }
        return states;
    }

    /// <summary>For each line: true when it is the last line of a preprocessor directive (continuations included).</summary>
    private static bool[] DirectiveEnds(List<string> lines)
    {
        var ends = new bool[lines.Count];
        var inDirective = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var t = lines[i].TrimEnd();
            inDirective |= t.TrimStart().StartsWith('#');
            var continued = t.EndsWith('\\');
            ends[i] = inDirective && !continued;
            if (!continued) inDirective = false;
        }
        return ends;
    }

    private static bool SafeAfter(string previous, bool previousEndsInComment)
    {
        if (previousEndsInComment) return false;
        var t = previous.TrimEnd();
        if (t.EndsWith('\\')) return false;
        if (t.EndsWith("*/", StringComparison.Ordinal)) return true;
        var code = StripTrailingComment(t).TrimEnd();
        if (code.Length == 0) return !t.Contains("/*", StringComparison.Ordinal) || t.EndsWith("*/", StringComparison.Ordinal);
        if (code.TrimStart().StartsWith('#')) return true;
        return code[^1] is ';' or '{' or '}' or ':';
    }

    private static string StripTrailingComment(string line)
    {
        var slash = line.IndexOf("//", StringComparison.Ordinal);
        if (slash >= 0) line = line[..slash];
        if (line.EndsWith("*/", StringComparison.Ordinal))
        {
            var open = line.LastIndexOf("/*", StringComparison.Ordinal);
            if (open >= 0) line = line[..open];
        }
        return line;
    }
}
