using BenchmarkDotNet.Attributes;
using Ksplice.Elf.IO;
using Ksplice.Elf.Model;
using Ksplice.Match;
using Ksplice.Match.Memory;
using Ksplice.Match.Symbols;

namespace Ksplice.Bench.Micro;

/// <summary>
/// Ksplice.Match: run-pre matching of every function of a pre object (kernel/printk/printk.o) that kallsyms names as
/// vmlinux text, against the vmlinux file image, with the kallsyms of that kernel booted without KASLR.
/// </summary>
public class RunPreMatchBenchmark
{
    private Kallsyms? _symbols;
    private ElfImageMemory? _memory;
    private MatchRequest? _request;

    [GlobalSetup]
    public void Setup()
    {
        var inputs = MicroInputs.Current;
        _symbols = Kallsyms.Load(inputs.Kallsyms);
        _memory = ElfImageMemory.Open(inputs.Vmlinux);
        _request = Request(inputs, _symbols);
    }

    [Benchmark]
    public MatchResult MatchPreObject() => new RunPreMatcher(_symbols!, _memory!).Match(_request!);

    [GlobalCleanup]
    public void Cleanup()
    {
        _memory?.Dispose();
        _memory = null;
    }

    /// <summary>Every function of the pre object the running kernel still has (not .init/.exit code) and kallsyms names as text.</summary>
    public static MatchRequest Request(MicroInputs inputs, Kallsyms symbols)
    {
        var obj = ElfReader.ReadFile(inputs.PreObject);
        obj.Origin = inputs.PreObjectPath;
        var functions = obj.Symbols
            .Where(s => s.IsFunction && s.Section is { IsExecutable: true } section && !IsFreedAfterBoot(section))
            .Where(s => symbols.Lookup(s.Name, Targets.Vmlinux).Any(k => k.IsText))
            .Select(s => new FunctionRequest(inputs.PreObjectPath, s.Name, s.Section!.Name))
            .ToList();
        return new MatchRequest([new PreObject(inputs.PreObjectPath, Targets.Vmlinux, obj)], functions, []);
    }

    private static bool IsFreedAfterBoot(ElfSection section) =>
        section.Name.StartsWith(".init.", StringComparison.Ordinal) || section.Name.StartsWith(".exit.", StringComparison.Ordinal);
}
