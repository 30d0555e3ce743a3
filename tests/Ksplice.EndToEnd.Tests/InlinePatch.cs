using Ksplice.Corpus;
using Ksplice.TestSupport;

namespace Ksplice.EndToEnd.Tests;

/// <summary>An update created from a patch written in a test: the text goes to a file in the test tree's cache.</summary>
public static class InlinePatch
{
    public static CreateRun Create(string id, string patch)
    {
        var path = Path.Combine(KernelTree.Shared.CacheDir, $"e2e-{id}.patch");
        File.WriteAllText(path, patch);
        return KspliceTool.Create(id, [$"--patch={path}"], [path]);
    }
}
