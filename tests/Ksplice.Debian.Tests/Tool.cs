using Ksplice.Source.Process;

namespace Ksplice.Debian.Tests;

/// <summary>Runs a Debian tool for a test and fails the test, with its stderr, when it fails.</summary>
public static class Tool
{
    public static ProcessResult Run(string program, IReadOnlyList<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        ProcessRunner.Default.Run(new ProcessSpec(program, arguments)
        {
            WorkingDirectory = workingDirectory, Environment = environment ?? new Dictionary<string, string?>(),
        });

    public static string Output(string program, params string[] arguments)
    {
        var result = Run(program, arguments);
        return result.Succeeded ? result.StandardOutput
            : throw new InvalidOperationException($"{result.CommandLine} failed ({result.ExitCode}): {result.StandardError}");
    }
}
