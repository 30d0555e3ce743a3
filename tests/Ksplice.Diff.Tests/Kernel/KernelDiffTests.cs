using System.Diagnostics;
using Ksplice.Diff.Tests.Cases;
using Ksplice.Elf.IO;
using Ksplice.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Ksplice.Diff.Tests.Kernel;

/// <summary>Corpus patches on real objects of the prepared kernel tree (Data/kernel.txt).</summary>
public class KernelDiffTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases => KernelCases.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Differ_reports_what_the_corpus_patch_changes(string name)
    {
        var c = KernelCases.Get(name);
        var parts = c.Name.Split(' ', 2);
        var pair = KernelObjectPair.Build(KernelTree.Shared, parts[0], parts[1]);
        var read = Stopwatch.StartNew();
        var pre = ElfReader.ReadFile(pair.Pre);
        var post = ElfReader.ReadFile(pair.Post);
        var readTime = read.Elapsed;
        var compare = Stopwatch.StartNew();
        var diff = ObjectDiffer.Compare(pair.Object, pre, post);
        output.WriteLine($"{pair.Object}: built in {pair.BuildTime.TotalSeconds:0.0} s, read in {readTime.TotalMilliseconds:0} ms, "
            + $"compared in {compare.Elapsed.TotalMilliseconds:0} ms ({pre.Sections.Count} sections, {pre.Symbols.Count} symbols, "
            + $"{pre.Sections.Sum(s => s.Relocations.Count)} relocations)");
        foreach (var line in ObjectDiffPrinter.Print(diff, verbose: true)) output.WriteLine(line);
        DiffOutcome.AssertMatches(c, diff);
    }
}
