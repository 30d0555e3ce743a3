using Ksplice.Source.Process;

namespace Ksplice.Source.Patches;

/// <summary>
/// --git=COMMIT: the source change is <c>git diff refs/ksplice/pre COMMIT</c> in the KERNEL_SOURCE work tree. The
/// baseline ref records the state of the running kernel; it is created from HEAD when missing, and --series moves it
/// to HEAD (the current state of the tree, e.g. after a previous update was checked out).
/// </summary>
public static class GitInput
{
    public const string BaselineRef = "refs/ksplice/pre";

    public static SourcePatch Load(string tree, string commit, bool series, IProcessRunner runner)
    {
        ProcessResult Git(params string[] args) =>
            runner.RunChecked(new ProcessSpec("git", args) { WorkingDirectory = tree, Environment = GitEnvironment }, $"--git={commit}");

        if (!runner.Run(new ProcessSpec("git", ["rev-parse", "--git-dir"]) { WorkingDirectory = tree }).Succeeded)
            throw new KspliceSourceException($"--git needs a git work tree, and {tree} is not one.");
        var target = runner.Run(new ProcessSpec("git", ["rev-parse", "--verify", "--quiet", commit + "^{commit}"]) { WorkingDirectory = tree });
        if (!target.Succeeded)
            throw new KspliceSourceException($"--git={commit}: no such commit in {tree}.");
        var hasBaseline = runner.Run(new ProcessSpec("git", ["rev-parse", "--verify", "--quiet", BaselineRef]) { WorkingDirectory = tree }).Succeeded;
        if (!hasBaseline || series) Git("update-ref", BaselineRef, "HEAD");
        var diff = Git("diff", "--no-color", "--no-ext-diff", "--no-renames", "--full-index", BaselineRef, target.StandardOutput.Trim());
        return SourcePatch.FromBytes(diff.StandardOutputBytes, SourcePatch.DefaultOptions);
    }

    private static readonly IReadOnlyDictionary<string, string?> GitEnvironment = new Dictionary<string, string?>
    {
        ["LC_ALL"] = "C", ["GIT_PAGER"] = "cat",
    };
}
