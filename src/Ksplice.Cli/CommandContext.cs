namespace Ksplice.Cli;

/// <summary>What every command gets: the verbosity (-v, -vv), where to write, and whether it runs as root.</summary>
public sealed record CommandContext(int Verbosity, TextWriter Out, TextWriter Error)
{
    public Func<bool> IsRoot { get; init; } = () => Environment.IsPrivilegedProcess;

    /// <summary>Prints "ksplice-NAME: error: message" on stderr and returns <paramref name="exitCode"/>.</summary>
    public int Fail(string command, string message, int exitCode = ExitCodes.Error)
    {
        Error.WriteLine($"ksplice-{command}: {message}");
        return exitCode;
    }
}
