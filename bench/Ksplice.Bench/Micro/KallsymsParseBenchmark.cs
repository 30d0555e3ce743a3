using BenchmarkDotNet.Attributes;
using Ksplice.Match.Symbols;

namespace Ksplice.Bench.Micro;

/// <summary>Parsing a /proc/kallsyms capture (about 4 MB, 190,000 lines), which every apply does before matching.</summary>
public class KallsymsParseBenchmark
{
    private byte[] _text = [];

    [GlobalSetup]
    public void Setup() => _text = File.ReadAllBytes(MicroInputs.Current.Kallsyms);

    [Benchmark]
    public Kallsyms ParseKallsyms() => Kallsyms.Parse(_text, MicroInputs.Current.Kallsyms);
}
