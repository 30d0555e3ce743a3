namespace Ksplice.Apply.Reporting;

/// <summary>ksplice-uname: uname's output with the effective release in place of the running one.</summary>
public static class UnameOutput
{
    /// <summary>Each field of <paramref name="output"/> equal to <paramref name="release"/> becomes <paramref name="effective"/>.</summary>
    public static string Substitute(string output, string release, string effective) =>
        string.Join('\n', output.Split('\n').Select(line => string.Join(' ', line.Split(' ').Select(field => field == release ? effective : field))));
}
