namespace Ksplice.Source.Process;

/// <summary>Every external command goes through here, so it can be logged ("+ cmd" at -v) and faked in tests.</summary>
public interface IProcessRunner
{
    /// <summary>Runs the command and returns its result whatever the exit code.</summary>
    ProcessResult Run(ProcessSpec spec);
}

public static class ProcessRunnerExtensions
{
    /// <summary>Runs the command and throws <see cref="ProcessFailedException"/> when it exits non-zero.</summary>
    public static ProcessResult RunChecked(this IProcessRunner runner, ProcessSpec spec, string? context = null)
    {
        var result = runner.Run(spec);
        return result.Succeeded ? result : throw new ProcessFailedException(result, context);
    }

    public static ProcessResult RunChecked(this IProcessRunner runner, string fileName, params string[] arguments) =>
        runner.RunChecked(ProcessSpec.Of(fileName, arguments));

    /// <summary>Runs the command and returns its trimmed stdout; throws when it exits non-zero.</summary>
    public static string Output(this IProcessRunner runner, string fileName, params string[] arguments) =>
        runner.RunChecked(ProcessSpec.Of(fileName, arguments)).StandardOutput.Trim();
}
