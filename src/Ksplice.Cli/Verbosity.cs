namespace Ksplice.Cli;

/// <summary>
/// Counts -v/--verbose (and bundled -vv) before parsing, as the original's Getopt "verbose|v+" did; the options stay
/// declared on each command for --help.
/// </summary>
public static class Verbosity
{
    public static (int Level, string[] Arguments) Extract(IEnumerable<string> args)
    {
        var level = 0;
        var rest = new List<string>();
        var afterSeparator = false;
        foreach (var a in args)
        {
            if (!afterSeparator && a == "--") afterSeparator = true;
            if (!afterSeparator && a == "--verbose") level++;
            else if (!afterSeparator && a.Length > 1 && a[0] == '-' && a[1] != '-' && a[1..].All(c => c == 'v')) level += a.Length - 1;
            else rest.Add(a);
        }
        return (Math.Min(level, 2), rest.ToArray());
    }
}
