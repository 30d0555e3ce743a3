using Ksplice.Elf.IO;
using Ksplice.Elf.Model;
using Ksplice.TestSupport;

namespace Ksplice.Match.Tests.Support;

/// <summary>The C fixtures under tests/fixtures/match, compiled with kernel-like flags (gcc-12, cached).</summary>
public static class TestFixtures
{
    /// <summary>Kernel-like code generation plus ftrace's fentry calls recorded in __mcount_loc.</summary>
    public static readonly string[] Flags = [.. FixtureCache.KernelLikeFlags, "-pg", "-mfentry", "-mrecord-mcount"];

    public static string SourcePath(string name) => Path.Combine(TestPaths.Fixtures, "match", name);

    public static string Source(string name) => File.ReadAllText(SourcePath(name));

    /// <summary>Compiles a fixture and reads it; the object's Origin names the fixture.</summary>
    public static ElfObject Object(string name, params string[] extraFlags) => Compile(name, [.. Flags, .. extraFlags]);

    /// <summary>
    /// Compiles a fixture the way Debian builds the kernel, without -ffunction-sections and -fdata-sections: all its
    /// functions share .text (the "running" build of a fixture whose pre object comes from <see cref="Object"/>).
    /// </summary>
    public static ElfObject ObjectWithoutSections(string name, params string[] extraFlags) =>
        Compile(name, [.. Flags.Where(f => f is not ("-ffunction-sections" or "-fdata-sections")), .. extraFlags]);

    private static ElfObject Compile(string name, string[] flags)
    {
        var obj = ElfReader.ReadFile(FixtureCache.Compile(Source(name), flags));
        obj.Origin = name;
        return obj;
    }
}
