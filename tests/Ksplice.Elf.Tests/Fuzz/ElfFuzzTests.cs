using Ksplice.TestSupport.Fuzz;
using System.Collections.Concurrent;
using Ksplice.Elf.IO;
using Ksplice.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Ksplice.Elf.Tests.Fuzz;

/// <summary>
/// A hostile ELF file is either read or refused with ElfFormatException, within 5 s and within 8 times its size
/// plus 64 MiB of allocation.
/// </summary>
public class ElfFuzzTests(ITestOutputHelper output)
{
    private const int CasesPerObject = 5000;

    private static byte[] Compile(params string[] flags) =>
        File.ReadAllBytes(FixtureCache.Compile(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "elf", "statics.c")), flags));

    private static byte[] Link() =>
        File.ReadAllBytes(FixtureCache.CompileExecutable(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "elf", "program.c")), "-O2", "-no-pie"));

    public static TheoryData<string> Objects() => ["O2", "kernel-like", "executable"];

    private static byte[] Object(string name) => name switch
    {
        "O2" => Compile("-O2"),
        "kernel-like" => Compile(FixtureCache.KernelLikeFlags),
        _ => Link(),
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void The_starting_object_reads(string name) => ElfReader.Read(Object(name), name);

    [Theory]
    [MemberData(nameof(Objects))]
    public void Mutated_objects_are_read_or_refused_with_ElfFormatException(string name)
    {
        var valid = Object(name);
        var mutator = new ElfMutator(valid);
        var outcomes = new ConcurrentDictionary<string, int>();
        try
        {
            FuzzRun.Cases($"{nameof(ElfFuzzTests)}({name})", CasesPerObject, seed: 0x656C66UL + (ulong)name.Length, TimeSpan.FromSeconds(5),
                allocationBound: 8L * valid.Length + (64L << 20), caseSeed =>
                {
                    var (mutation, data) = mutator.Mutate(new Random(caseSeed));
                    return () => outcomes.AddOrUpdate($"{mutation}: {Read(caseSeed, mutation, data)}", 1, (_, n) => n + 1);
                });
        }
        finally
        {
            foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal)) output.WriteLine($"{count,5}  {outcome}");
        }
    }

    private static string Read(int caseSeed, string mutation, byte[] data)
    {
        try
        {
            ElfReader.Read(data, "fuzz.o");
            return "read";
        }
        catch (ElfFormatException e)
        {
            Assert.NotEmpty(e.Diagnostics);
            return "refused";
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"case seed {caseSeed} ({mutation}, {data.Length} bytes): {e.GetType().Name}\n{e}");
        }
    }
}
