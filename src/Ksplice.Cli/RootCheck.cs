namespace Ksplice.Cli;

/// <summary>apply, undo and view change or read the running kernel: as another user they stop before touching anything.</summary>
public static class RootCheck
{
    /// <summary>Null when the process is root; otherwise prints the refusal and returns the exit code.</summary>
    public static int? Refuse(CommandContext context, string command, string why) =>
        context.IsRoot()
            ? null
            : context.Fail(command, $"needs root: it {why}. Run it as root (sudo ksplice-{command} ...).", ExitCodes.Error);
}
