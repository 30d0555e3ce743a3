namespace Ksplice.Source.Process;

/// <summary>
/// A command to run: program (a bare name is looked up in <see cref="CommandPath.SearchPath"/> only), arguments, working
/// directory, additions to the <see cref="ChildEnvironment"/> (null removes), optional stdin as text or as bytes.
/// </summary>
public sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
    public string? StandardInput { get; init; }
    /// <summary>Stdin passed byte for byte (a patch is never decoded and re-encoded); wins over <see cref="StandardInput"/>.</summary>
    public byte[]? StandardInputBytes { get; init; }
    public TimeSpan? Timeout { get; init; }

    public static ProcessSpec Of(string fileName, params string[] arguments) => new(fileName, arguments);

    public string CommandLine =>
        string.Join(' ', new[] { FileName }.Concat(Arguments).Select(Quote));

    private static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c)) ? s : "'" + s.Replace("'", "'\\''") + "'";
}
