using Ksplice.Source.Process;
using Ksplice.Source.Trees;

namespace Ksplice.Source.Patches;

/// <summary>
/// Applies a <see cref="SourcePatch"/> to the post tree with GNU patch: a dry run first, so a patch that does not
/// apply leaves the tree untouched and reports patch's own message; then the real run. GNU patch writes each result
/// to a new file and renames it over the old one, so hard-linked sources in the source tree are not written through.
/// The files GNU patch says it will change are the only list of touched files: they must be exactly the files the
/// patch's headers name (GNU patch picks its own name among the old and new ones and skips names it finds
/// dangerous), and each must stay inside the post tree.
/// </summary>
public static class PatchApplier
{
    /// <summary>Options added to the user's: never ask, never assume a reversed patch, no .orig/.rej files.</summary>
    public static IReadOnlyList<string> FixedOptions { get; } = ["--force", "--no-backup-if-mismatch", "--reject-file=-"];

    /// <summary>
    /// Applies the patch; returns the tree-relative files GNU patch reported. Hunks that only applied by ignoring context
    /// (patch's "with fuzz N") go to <paramref name="warn"/>: the change may not land where its author meant.
    /// </summary>
    public static IReadOnlyList<string> Apply(PostTree post, SourcePatch patch, IProcessRunner runner, Action<string>? warn = null)
    {
        var dry = runner.Run(Spec(post.Path, patch, dryRun: true));
        var dangerous = PatchOutput.IgnoredNames(dry.StandardOutput + dry.StandardError);
        if (dangerous.Count > 0)
            throw new KspliceSourceException(
                $"GNU patch refuses the file name(s) {string.Join(", ", dangerous)} in the patch as dangerous; a patch may only change files inside KERNEL_SOURCE.");
        if (!dry.Succeeded)
        {
            var message = (dry.StandardOutput + dry.StandardError).Trim();
            throw new PatchDoesNotApplyException(
                $"The patch does not apply to {post.Source.Path} (options {string.Join(' ', patch.PatchOptions)}); nothing was changed. patch says:\n{message}\nCheck that KERNEL_SOURCE is the running kernel's source and the -p level (--patch-opt).",
                message);
        }
        var reported = PatchOutput.ReportedFiles(dry.StandardOutput);
        CheckNames(post, patch, reported);
        if (warn is not null)
        {
            var file = "";
            foreach (var line in dry.StandardOutput.Split('\n'))
            {
                if (PatchOutput.ReportedFiles(line).FirstOrDefault() is { } named) file = named;
                else if (line.Contains(" with fuzz ", StringComparison.Ordinal)) warn($"{file}: {line.Trim()}");
            }
        }
        post.RecordTouched(reported);
        runner.RunChecked(Spec(post.Path, patch, dryRun: false), $"applying the patch in {post.Path}");
        return reported;
    }

    /// <summary>The files named by GNU patch's "checking file X" / "patching file X" lines.</summary>
    public static IReadOnlyList<string> ReportedFiles(string patchOutput) => PatchOutput.ReportedFiles(patchOutput);

    private static void CheckNames(PostTree post, SourcePatch patch, IReadOnlyList<string> reported)
    {
        var parsed = patch.Files.Select(f => f.Path).ToList();
        var onlyPatch = reported.Except(parsed, StringComparer.Ordinal).ToList();
        var onlyHeaders = parsed.Except(reported, StringComparer.Ordinal).ToList();
        if (onlyPatch.Count > 0 || onlyHeaders.Count > 0)
            throw new KspliceSourceException(
                $"GNU patch would change {Names(reported)}, but the patch's +++ headers name {Names(parsed)}"
                + (onlyPatch.Count > 0 ? $" (patch's own choice: {Names(onlyPatch)})" : "")
                + "; refusing a patch whose ---/+++ names disagree. Give each file the same name on its --- and +++ lines.");
        foreach (var name in reported) TreePath.Inside(post.Path, name);
    }

    private static string Names(IReadOnlyList<string> names) => names.Count == 0 ? "no file" : string.Join(", ", names);

    private static ProcessSpec Spec(string dir, SourcePatch patch, bool dryRun)
    {
        var args = new List<string>();
        args.AddRange(patch.PatchOptions.SelectMany(o => o.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        args.AddRange(FixedOptions);
        if (dryRun) args.Add("--dry-run");
        return new ProcessSpec("patch", args)
        {
            WorkingDirectory = dir,
            StandardInputBytes = patch.Bytes,
            Environment = new Dictionary<string, string?> { ["QUOTING_STYLE"] = "shell" },
        };
    }
}
