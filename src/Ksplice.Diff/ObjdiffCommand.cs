using Ksplice.Diff.Model;
using Ksplice.Elf.IO;

namespace Ksplice.Diff;

/// <summary>
/// <c>ksplice objdiff PRE.o POST.o</c>: compares two objects and prints one line per item. The CLI only parses options
/// and passes its output writer; this class never touches the console.
/// </summary>
public static class ObjdiffCommand
{
    // Exit codes as docs/DESIGN.md section 5 gives them, and as ksplice-create would exit for the same objects.

    /// <summary>Functions or data differ, and the update can carry every change.</summary>
    public const int Changes = 0;
    /// <summary>Some change cannot be carried (see the "refused" lines); create aborts on it with the same code.</summary>
    public const int Refused = 1;
    /// <summary>An input could not be read (message on the writer).</summary>
    public const int Error = 1;
    /// <summary>Nothing differs: create's "No changes detected".</summary>
    public const int NoChanges = 66;

    public static int Run(string prePath, string postPath, TextWriter output, bool verbose = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ObjectDiff diff;
        try
        {
            var pre = ElfReader.ReadFile(prePath);
            var post = ElfReader.ReadFile(postPath);
            diff = ObjectDiffer.Compare(ObjectName(prePath, postPath), pre, post);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ElfFormatException or ArgumentException)
        {
            output.WriteLine($"objdiff: error: {e.Message.TrimEnd('.')}; give two relocatable objects (.o) built from the same source before and after the patch.");
            return Error;
        }
        foreach (var line in ObjectDiffPrinter.Print(diff, verbose)) output.WriteLine(line);
        if (!verbose && !diff.HasChanges) output.WriteLine("no changes");
        return ExitCode(diff);
    }

    public static int ExitCode(ObjectDiff diff) =>
        diff.Refusals.Count > 0 ? Refused : diff.HasChanges ? Changes : NoChanges;

    /// <summary>The name used in messages: the post file's name when both share it, else "PRE -> POST".</summary>
    private static string ObjectName(string pre, string post) =>
        Path.GetFileName(pre) == Path.GetFileName(post) ? Path.GetFileName(post) : $"{Path.GetFileName(pre)} -> {Path.GetFileName(post)}";
}
