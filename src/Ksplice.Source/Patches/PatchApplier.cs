using Ksplice.Source.Process;
using Ksplice.Source.Trees;

namespace Ksplice.Source.Patches;

/// <summary>
/// Applies a <see cref="SourcePatch"/> to the post tree with GNU patch: a dry run first, so a patch that does not
/// apply leaves the tree untouched and reports patch's own message; then the real run. GNU patch writes each result
/// to a new file and renames it over the old one, so hard-linked sources in the source tree are not written through.
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
        if (!dry.Succeeded)
        {
            var message = (dry.StandardOutput + dry.StandardError).Trim();
            throw new PatchDoesNotApplyException(
                $"The patch does not apply to {post.Source.Path} (options {string.Join(' ', patch.PatchOptions)}); nothing was changed. patch says:\n{message}\nCheck that KERNEL_SOURCE is the running kernel's source and the -p level (--patch-opt).",
                message);
        }
        var reported = ReportedFiles(dry.StandardOutput);
        if (warn is not null)
        {
            var file = "";
            foreach (var line in dry.StandardOutput.Split('\n'))
            {
                if (ReportedFiles(line).FirstOrDefault() is { } named) file = named;
                else if (line.Contains(" with fuzz ", StringComparison.Ordinal)) warn($"{file}: {line.Trim()}");
            }
        }
        post.RecordTouched(reported.Concat(patch.Files.Select(f => f.Path)));
        runner.RunChecked(Spec(post.Path, patch, dryRun: false), $"applying the patch in {post.Path}");
        return reported;
    }

    /// <summary>The files named by GNU patch's "checking file X" / "patching file X" lines.</summary>
    public static IReadOnlyList<string> ReportedFiles(string patchOutput) =>
        patchOutput.Split('\n')
            .Select(l => l.TrimEnd())
            .Select(l => l.StartsWith("checking file ", StringComparison.Ordinal) ? l["checking file ".Length..]
                : l.StartsWith("patching file ", StringComparison.Ordinal) ? l["patching file ".Length..] : null)
            .OfType<string>()
            .Select(n => n.Length > 1 && n[0] == '\'' && n[^1] == '\'' ? n[1..^1] : n)
            .Distinct().ToList();

    private static ProcessSpec Spec(string dir, SourcePatch patch, bool dryRun)
    {
        var args = new List<string>();
        args.AddRange(patch.PatchOptions.SelectMany(o => o.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        args.AddRange(FixedOptions);
        if (dryRun) args.Add("--dry-run");
        return new ProcessSpec("patch", args)
        {
            WorkingDirectory = dir,
            StandardInput = patch.Text,
            Environment = new Dictionary<string, string?> { ["LC_ALL"] = "C", ["POSIXLY_CORRECT"] = null },
        };
    }
}
