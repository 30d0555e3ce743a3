using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Ksplice.Diff;
using Ksplice.Elf.IO;
using Ksplice.Match;
using Ksplice.Match.Memory;
using Ksplice.Match.Symbols;

namespace Ksplice.Bench.Micro;

/// <summary>
/// Runs the micro-benchmarks with BenchmarkDotNet (ShortRun: 1 launch, 3 warm-up and 3 measured iterations, in process
/// so no project is generated and built), after one plain run of each that shows what it works on.
/// </summary>
public sealed class MicroBench(MicroInputs inputs, string figuresPath, string artifactsPath, TextWriter output)
{
    private static readonly Type[] Benchmarks =
        [typeof(ElfReadBenchmark), typeof(ObjectDiffBenchmark), typeof(KallsymsParseBenchmark), typeof(RunPreMatchBenchmark)];

    /// <summary>Returns 0 when every benchmark produced a result.</summary>
    public int Run()
    {
        var missing = inputs.Files.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            output.WriteLine($"micro: missing input(s): {string.Join(", ", missing)}");
            return 1;
        }
        MicroInputs.Current = inputs;
        var names = Describe();

        var job = Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess");
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(artifactsPath)
            .WithOptions(ConfigOptions.JoinSummary);
        var summaries = BenchmarkRunner.Run(Benchmarks, config);

        var figures = new List<Figure>();
        var failed = false;
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            var method = report.BenchmarkCase.Descriptor.WorkloadMethod;
            var name = names.GetValueOrDefault(method.Name, method.Name);
            var command = $"BenchmarkDotNet ShortRun, in process: {method.DeclaringType!.Name}.{method.Name}";
            if (report.ResultStatistics is not { } stats)
            {
                figures.Add(new Figure(name, "failed", "", command));
                failed = true;
                continue;
            }
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            var value = $"{Figure.Milliseconds(stats.Mean / 1e6)} +- {Figure.Milliseconds(stats.StandardDeviation / 1e6)}" +
                        (allocated is { } bytes ? $", {Megabytes(bytes)} allocated" : "");
            figures.Add(new Figure(name, value, "", command));
        }
        if (figures.Count != Benchmarks.Length)
        {
            output.WriteLine($"micro: {figures.Count} results for {Benchmarks.Length} benchmarks");
            failed = true;
        }
        Figure.Append(figuresPath, figures);
        return failed ? 1 : 0;
    }

    /// <summary>Runs each workload once, prints what it covers, and returns the table names of the benchmarks.</summary>
    private Dictionary<string, string> Describe()
    {
        var module = Path.GetFileName(inputs.Module);
        var moduleSize = Megabytes(new FileInfo(inputs.Module).Length);
        var elf = ElfReader.ReadFile(inputs.Module);
        output.WriteLine($"micro: {inputs.Module}: {moduleSize}, {elf.Sections.Count} sections, {elf.Symbols.Count} symbols");

        var diff = ObjectDiffer.Compare(module, elf, ElfReader.ReadFile(inputs.Module));
        output.WriteLine($"micro: {module} against itself: {diff.Functions.Count} changed function(s), {diff.Correlation.Count} symbols correlated");

        var symbols = Kallsyms.Load(inputs.Kallsyms);
        output.WriteLine($"micro: {inputs.Kallsyms}: {symbols.Symbols.Count} entries");

        var request = RunPreMatchBenchmark.Request(inputs, symbols);
        using var memory = ElfImageMemory.Open(inputs.Vmlinux);
        var clock = Stopwatch.StartNew();
        var result = new RunPreMatcher(symbols, memory).Match(request);
        output.WriteLine($"micro: {inputs.PreObjectPath} ({inputs.PreObject}) against {inputs.Vmlinux}: {result.Functions.Count} of " +
                         $"{request.Functions.Count} functions matched, {result.Failures.Count} failure(s), first run {clock.ElapsedMilliseconds} ms");
        foreach (var f in result.Failures.Take(5)) output.WriteLine("  " + f.Message.Split('\n')[0]);

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [nameof(ElfReadBenchmark.ReadModule)] = $"ELF read, {module} ({moduleSize})",
            [nameof(ObjectDiffBenchmark.CompareModuleWithItself)] = $"object diff, {module} with itself",
            [nameof(KallsymsParseBenchmark.ParseKallsyms)] = $"kallsyms parse ({symbols.Symbols.Count} entries)",
            [nameof(RunPreMatchBenchmark.MatchPreObject)] =
                $"run-pre match, {Path.GetFileName(inputs.PreObjectPath)} ({request.Functions.Count} functions) vs vmlinux",
        };
    }

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
