using BenchmarkDotNet.Attributes;
using Ksplice.Diff;
using Ksplice.Diff.Model;
using Ksplice.Elf.IO;
using Ksplice.Elf.Model;

namespace Ksplice.Bench.Micro;

/// <summary>
/// Ksplice.Diff comparing a large object with a second, separately read copy of itself (kvm.ko): indexing both sides,
/// correlating every symbol and comparing every section, the whole work of the differ with nothing to report.
/// </summary>
public class ObjectDiffBenchmark
{
    private ElfObject _pre = new();
    private ElfObject _post = new();
    private string _name = "";

    [GlobalSetup]
    public void Setup()
    {
        var path = MicroInputs.Current.Module;
        _name = Path.GetFileName(path);
        _pre = ElfReader.ReadFile(path);
        _post = ElfReader.ReadFile(path);
    }

    [Benchmark]
    public ObjectDiff CompareModuleWithItself() => ObjectDiffer.Compare(_name, _pre, _post);
}
