using Ksplice.TestSupport;

namespace Ksplice.Types.Tests;

/// <summary>A pre/post pair of C sources under tests/fixtures/types/CASE, compiled with gcc at test time like the kernel (-g, DWARF 5 by default).</summary>
public static class TypeFixture
{
    public static (string Pre, string Post) Build(string name, string dwarf = "-gdwarf-5")
    {
        var dir = Path.Combine(TestPaths.Fixtures, "types", name);
        string[] flags = [.. FixtureCache.KernelLikeFlags, "-g", dwarf];
        return (FixtureCache.Compile(File.ReadAllText(Path.Combine(dir, "pre.c")), flags),
                FixtureCache.Compile(File.ReadAllText(Path.Combine(dir, "post.c")), flags));
    }

    public static TypeCheckResult Check(string name, string[] replaced, string[]? newFunctions = null, string[]? allowed = null, string dwarf = "-gdwarf-5")
    {
        var (pre, post) = Build(name, dwarf);
        return TypeChangeCheck.Check(new TypeCheckRequest($"{name}.o", pre, post)
        {
            ReplacedFunctions = replaced,
            NewFunctions = newFunctions ?? [],
            AllowedTypes = allowed ?? [],
        });
    }
}
