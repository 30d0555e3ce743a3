using Ksplice.Elf.Sections;
using Ksplice.Match.Symbols;
using System.Diagnostics;
using Ksplice.Elf.Model;
using Ksplice.Match.Tests.Support;
using Xunit.Abstractions;

namespace Ksplice.Match.Tests;

/// <summary>
/// Pre objects rebuilt from the Debian source against the installed kernel's vmlinux file, with the kallsyms of the
/// same kernel booted with nokaslr (so kallsyms addresses are image addresses). In the file every patch site still
/// holds its compiled form.
/// </summary>
public sealed class KernelImageTests(ITestOutputHelper output)
{
    private const string Printk = "kernel/printk/printk.o";

    [Fact]
    public void PrintkMatchesExactlyOnceAtItsKallsymsAddress()
    {
        var pre = new PreObject(Printk, "vmlinux", KernelObjects.Read(Printk));
        var clock = Stopwatch.StartNew();
        var result = new RunPreMatcher(KernelSetup.Symbols, KernelSetup.Vmlinux)
            .Match(new MatchRequest([pre], [new FunctionRequest(Printk, "_printk")], [new SymbolRequest("__ksplice_sym_0", "_printk", Printk)]));
        output.WriteLine($"_printk matched in {clock.ElapsedMilliseconds} ms");

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        var kallsyms = Assert.Single(KernelSetup.Symbols.Lookup("_printk", "vmlinux"));
        var f = Assert.Single(result.Functions);
        Assert.Equal(kallsyms.Address, f.Address);
        Assert.Equal(5, f.TrampolineOffset);
        Assert.Equal((int)pre.Elf.FindSection(".text.unlikely._printk")!.Size, f.Size);
        Assert.Equal(kallsyms.Address, result.Symbol("__ksplice_sym_0")!.Value);
        Assert.Equal(SymbolValueSource.Learnt, result.Symbol("__ksplice_sym_0")!.Source);
    }

    [Theory]
    [InlineData(Printk)]
    [InlineData("kernel/sys.o")]
    public void EveryFunctionKallsymsNamesMatches(string objectPath)
    {
        var obj = KernelObjects.Read(objectPath);
        var requests = KernelSetup.AllFunctions(obj, objectPath);
        var clock = Stopwatch.StartNew();
        var result = new RunPreMatcher(KernelSetup.Symbols, KernelSetup.Vmlinux).Match(new MatchRequest([new PreObject(objectPath, "vmlinux", obj)], requests, []));
        output.WriteLine($"{objectPath}: {result.Functions.Count} of {requests.Count} functions matched against the vmlinux file in {clock.ElapsedMilliseconds} ms");
        foreach (var f in result.Failures) output.WriteLine("  " + f.Message);

        KernelAssert.OnlyExplainedFailures(obj, result);
        Assert.True(result.Functions.Count >= requests.Count - 3, $"{result.Functions.Count} of {requests.Count}");
    }

    /// <summary>
    /// mm/memory.o has statics whose names occur several times in kallsyms (copies of static inlines, a second do_fault).
    /// vmlinux is linked without -ffunction-sections, so the object's .text is one block: each copy chosen must lie in
    /// (or within 4 KiB of, for the block's first and last functions) the span of the object's functions that kallsyms
    /// names only once, and every other copy must lie further away.
    /// </summary>
    [Fact]
    public void StaticFunctionsWithSeveralKallsymsEntriesResolveToTheObjectsOwnCopy()
    {
        const string objectPath = "mm/memory.o";
        var obj = KernelObjects.Read(objectPath);
        bool InText(ElfSymbol s) => s.Section!.Name.StartsWith(".text.", StringComparison.Ordinal) && !s.Section.Name.StartsWith(".text.unlikely.", StringComparison.Ordinal);
        var functions = obj.Symbols.Where(s => s.IsFunction && s.Section is { IsExecutable: true } && InText(s)).ToList();
        var text = functions.ToDictionary(s => s, s => KernelSetup.Symbols.Lookup(s.Name, "vmlinux").Where(k => k.IsText).Select(k => k.Address).Distinct().ToList());
        var unique = text.Where(p => p.Value.Count == 1).Select(p => p.Value[0]).ToList();
        var (low, high) = (unique.Min(), unique.Max());
        var duplicated = text.Where(p => p.Value.Count > 1 && p.Key.IsLocal).Select(p => p.Key).ToList();
        Assert.True(duplicated.Count >= 3, $"only {duplicated.Count} duplicated statics in {objectPath}");

        var result = new RunPreMatcher(KernelSetup.Symbols, KernelSetup.Vmlinux).Match(new MatchRequest(
            [new PreObject(objectPath, "vmlinux", obj)],
            duplicated.Select(s => new FunctionRequest(objectPath, s.Name, s.Section!.Name)).ToList(), []));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        ulong Distance(ulong a) => a < low ? low - a : a > high ? a - high : 0;
        foreach (var symbol in duplicated)
        {
            var chosen = result.Function(objectPath, symbol.Name)!.Address;
            var others = text[symbol].Where(a => a != chosen).ToList();
            output.WriteLine($"{symbol.Name}: chosen 0x{chosen:x} (distance {Distance(chosen)}), others {string.Join(", ", others.Select(a => $"0x{a:x}"))}; block 0x{low:x}..0x{high:x}");
            Assert.True(Distance(chosen) < 0x1000, $"{symbol.Name}: 0x{chosen:x} is not in the block of {objectPath}");
            Assert.All(others, other => Assert.True(Distance(other) > Distance(chosen), $"{symbol.Name}: 0x{other:x} is as close to the block"));
        }
        output.WriteLine($"helpers matched to settle them: {string.Join(", ", result.Helpers.Select(h => h.Symbol))}");
    }

    [Fact]
    public void PreBuiltFromAPatchedSourceIsANoMatchAtTheChangedPlace()
    {
        var patched = KernelObjects.ReadPatched(Printk, "printk-extra-statement", source =>
            source.Replace("\tr = vprintk(fmt, args);\n\tva_end(args);\n", "\tr = vprintk(fmt, args);\n\tif (r < 0)\n\t\tr = 0;\n\tva_end(args);\n"));
        var result = new RunPreMatcher(KernelSetup.Symbols, KernelSetup.Vmlinux)
            .Match(new MatchRequest([new PreObject(Printk, "vmlinux", patched)], [new FunctionRequest(Printk, "_printk")], []));

        var failure = Assert.Single(result.Failures);
        output.WriteLine(failure.Message);
        Assert.Equal(MatchFailureKind.NoMatch, failure.Kind);
        Assert.Equal(Assert.Single(KernelSetup.Symbols.Lookup("_printk", "vmlinux")).Address, failure.Candidate);
        Assert.NotNull(failure.Offset);
        Assert.Equal($"_printk+0x{failure.Offset:x}", failure.Place);
        Assert.True(failure.Offset > 5, $"the change is after the call to vprintk, not at +0x{failure.Offset:x}");
        Assert.NotEqual(failure.Expected, failure.Running);
        Assert.False(string.IsNullOrEmpty(failure.Running));
    }

    [Fact]
    public void StaticVariablePlaceholdersAreLearntFromTheCode()
    {
        var obj = KernelObjects.Read(Printk);
        var pre = new PreObject(Printk, "vmlinux", obj);
        // A unique unexported static: learnt from console_lock's code, checked against kallsyms.
        var consoleSem = Assert.Single(KernelSetup.Symbols.Lookup("console_sem", "vmlinux")).Address;
        // A static whose name many objects share: only the code can tell which one is printk.o's.
        var shared = obj.Symbols.Where(s => s.Type == ElfSymbolType.Object && s.IsLocal && s.Section is not null)
            .Select(s => s.Name).Distinct()
            .Where(n => KernelSetup.Symbols.Lookup(n, "vmlinux").Select(k => k.Address).Distinct().Count() > 1)
            .First(n => obj.Sections.Any(c => c.IsExecutable && !SectionClassifier.IsFreedAfterBoot(c)
                && c.Relocations.Any(r => r.Symbol.Section == obj.FindSymbols(n).First().Section)));

        var result = new RunPreMatcher(KernelSetup.Symbols, KernelSetup.Vmlinux).Match(new MatchRequest([pre],
            [new FunctionRequest(Printk, "console_lock")],
            [new SymbolRequest("__ksplice_sym_0", "console_sem", Printk), new SymbolRequest("__ksplice_sym_1", shared, Printk)]));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        var sem = result.Symbol("__ksplice_sym_0")!;
        Assert.Equal(SymbolValueSource.Learnt, sem.Source);
        Assert.Equal(consoleSem, sem.Value);
        var s1 = result.Symbol("__ksplice_sym_1")!;
        output.WriteLine($"{shared}: 0x{s1.Value:x} learnt from {s1.Place}; kallsyms has {KernelSetup.Symbols.Lookup(shared).Count} entries");
        Assert.Equal(SymbolValueSource.Learnt, s1.Source);
        Assert.Contains(s1.Value, KernelSetup.Symbols.Lookup(shared, "vmlinux").Select(k => k.Address));
    }
}
