using Ksplice.Corpus;
using Ksplice.Source.Patches;
using Ksplice.Source.Process;
using Ksplice.Source.Trees;
using Ksplice.TestSupport;

namespace Ksplice.EndToEnd.Tests;

/// <summary>
/// An update built from a source tree that is not the running kernel's: the test tree plus an extra statement in
/// _printk (a hard-linked copy made the way ksplice-create makes its post tree, so the shared tree stays pristine),
/// with the demo's printk patch on top. Its pre code cannot match the running _printk.
/// </summary>
public static class MismatchUpdate
{
    public const string Id = "mismatch";

    // After va_end, outside the demo patch's context, so the demo patch still applies exactly where it should.
    private const string ExtraChange = """
        --- a/kernel/printk/printk.c
        +++ b/kernel/printk/printk.c
        @@ -2327,6 +2327,8 @@
         	va_start(args, fmt);
         	r = vprintk(fmt, args);
         	va_end(args);
        +	if (r < 0)
        +		r = 0;
         
         	return r;
         }

        """;

    public static CreateRun Create()
    {
        var tree = KernelTree.Shared;
        var root = Path.Combine(tree.CacheDir, "e2e-mismatch");
        var source = Path.Combine(root, "tree");
        var runner = new ProcessRunner();
        var post = PostTree.Open(tree.Source, source, runner, [tree.ConfigDirPath], out _);
        var patch = SourcePatch.FromText(ExtraChange);
        var extra = Path.Combine(root, "extra-change.patch");
        File.WriteAllText(extra, ExtraChange);
        post.RecordTouched(PatchApplier.Apply(post, patch, runner));
        var demo = Path.Combine(TestPaths.RepositoryRoot, "demo", "printk-quoth.patch");
        return KspliceTool.Create(Id,
            [$"--patch={demo}", $"--config={tree.ConfigDirPath}", $"--postdir={Path.Combine(root, "post")}"],
            [demo, extra, Path.Combine(tree.ConfigDirPath, ".config")], kernelSource: source);
    }
}
