namespace Ksplice.Source.Process;

/// <summary>What a finished external command left behind.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Stdout exactly as the command wrote it (<see cref="StandardOutput"/> is its UTF-8 decoding).</summary>
    public byte[] StandardOutputBytes { get; init; } = [];

    /// <summary>The last lines of stderr (or stdout when stderr is empty), for error messages.</summary>
    public string Tail(int lines = 20)
    {
        var text = string.IsNullOrWhiteSpace(StandardError) ? StandardOutput : StandardError;
        var all = text.TrimEnd().Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
