using BenchmarkDotNet.Attributes;
using Ksplice.Elf.IO;
using Ksplice.Elf.Model;

namespace Ksplice.Bench.Micro;

/// <summary>Ksplice.Elf reading a large kernel object (kvm.ko) from memory into the model: sections, symbols, relocations.</summary>
public class ElfReadBenchmark
{
    private byte[] _data = [];
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = MicroInputs.Current.Module;
        _data = File.ReadAllBytes(_path);
    }

    [Benchmark]
    public ElfObject ReadModule() => ElfReader.Read(_data, _path);
}
