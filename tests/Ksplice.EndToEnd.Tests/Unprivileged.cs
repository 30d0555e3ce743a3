using Ksplice.Corpus;
using Ksplice.Source.Process;

namespace Ksplice.EndToEnd.Tests;

/// <summary>Runs the ksplice binary as the unprivileged user nobody (uid and gid 65534, no supplementary groups) through setpriv.</summary>
public static class Unprivileged
{
    public const int Uid = 65534;

    public static ProcessResult Run(string workingDirectory, params string[] args) =>
        ProcessRunner.Default.Run(new ProcessSpec("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--", KspliceTool.Binary, .. args])
        {
            WorkingDirectory = workingDirectory,
            Environment = new Dictionary<string, string?> { ["HOME"] = workingDirectory },
            Timeout = TimeSpan.FromMinutes(10),
        });

    /// <summary>Gives the whole directory tree to nobody, as a user's own kernel tree in their home would be.</summary>
    public static void GiveToNobody(string directory) =>
        ProcessRunner.Default.RunChecked("chown", "-R", "--no-dereference", $"{Uid}:{Uid}", directory);

    /// <summary>The owner of a file, as stat(1) prints it.</summary>
    public static int Owner(string path) =>
        int.Parse(ProcessRunner.Default.Output("stat", "-c", "%u", path), System.Globalization.CultureInfo.InvariantCulture);
}
