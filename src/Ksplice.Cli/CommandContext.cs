namespace Ksplice.Cli;

/// <summary>What every command gets: the verbosity (-v, -vv) and where to write.</summary>
public sealed record CommandContext(int Verbosity, TextWriter Out, TextWriter Error)
{
    /// <summary>Prints "ksplice-NAME: error: message" on stderr and returns <paramref name="exitCode"/>.</summary>
    public int Fail(string command, string message, int exitCode = ExitCodes.Error)
    {
        Error.WriteLine($"ksplice-{command}: {message}");
        return exitCode;
    }
}
