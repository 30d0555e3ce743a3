namespace Ksplice.Bench.Micro;

/// <summary>
/// The files the micro-benchmarks read (scripts/bench.sh finds or makes them): a large linked module, a pre object
/// with its tree path, and a kernel memory image with the kallsyms of the same kernel booted without KASLR.
/// BenchmarkDotNet runs in process, so the benchmark classes read them from <see cref="Current"/>.
/// </summary>
public sealed record MicroInputs(string Module, string PreObject, string PreObjectPath, string Vmlinux, string Kallsyms)
{
    private static MicroInputs? _current;

    public static MicroInputs Current
    {
        get => _current ?? throw new InvalidOperationException("MicroInputs.Current is not set: run the benchmarks through `Ksplice.Bench micro`");
        set => _current = value;
    }

    public IEnumerable<string> Files => [Module, PreObject, Vmlinux, Kallsyms];
}
