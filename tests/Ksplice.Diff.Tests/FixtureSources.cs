using Ksplice.Diff.Tests.Cases;
using Ksplice.TestSupport;

namespace Ksplice.Diff.Tests;

/// <summary>
/// The C fixtures of tests/fixtures/diff: <c>#include "common.h"</c> is replaced by the header's text followed by
/// <c>#line 2</c>, so the fixture cache hashes the header and line numbers count from the fixture file itself.
/// </summary>
public static class FixtureSources
{
    public static string Directory => Path.Combine(TestPaths.Fixtures, "diff");

    /// <summary>The flags every fixture is built with: the kernel's section, code-model and ftrace flags.</summary>
    public static IReadOnlyList<string> Flags { get; } = [.. FixtureCache.KernelLikeFlags, "-pg", "-mfentry", "-mrecord-mcount"];

    public static string Source(string caseName, string side)
    {
        var path = Path.Combine(Directory, caseName, side + ".c");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: missing; each case of Data/cases.txt needs pre.c and post.c under {Directory}/{caseName}", path);
        var header = File.ReadAllText(Path.Combine(Directory, "common.h")).TrimEnd('\n');
        return File.ReadAllText(path).Replace("#include \"common.h\"", header + "\n#line 2", StringComparison.Ordinal);
    }

    /// <summary>Compiles one side of a case and returns the object's path.</summary>
    public static string Compile(DiffCase c, string side) => FixtureCache.Compile(Source(c.Name, side), [.. Flags, .. c.Flags]);
}
