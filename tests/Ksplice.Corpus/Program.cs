using Ksplice.Corpus;
using Ksplice.TestSupport;

// ./run corpus [--cases DIR] [CASE...]: create, apply, check and undo every case of a corpus folder in one boot of the
// Debian kernel; print one table; exit 0 only when every case gave its expected result.
var folder = TestPaths.Corpus;
var names = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--cases" when i + 1 < args.Length:
            folder = Path.GetFullPath(args[++i]);
            break;
        case var a when a.StartsWith("--cases=", StringComparison.Ordinal):
            folder = Path.GetFullPath(a["--cases=".Length..]);
            break;
        case "-h" or "--help":
            Console.WriteLine("usage: run corpus [--cases DIR] [CASE...]   (default DIR: ../shared/corpus beside the repository)");
            return 0;
        case var a when a.StartsWith('-'):
            Console.Error.WriteLine($"corpus: unknown option {a}; usage: run corpus [--cases DIR] [CASE...]");
            return 2;
        default:
            names.Add(args[i]);
            break;
    }
}

try
{
    var cases = CorpusCase.Select(CorpusCase.Load(folder), names);
    Console.WriteLine($"corpus: {cases.Count} case(s) from {folder}");
    var run = new CorpusRun(cases, line => Console.WriteLine("  " + line));
    Console.WriteLine($"corpus: booting the Debian kernel once for {run.InGuest.Count} case(s)");
    var report = run.Boot();
    Console.Write(report.Table());
    return report.AllAsExpected ? 0 : 1;
}
catch (Exception e) when (e is ArgumentException or InvalidDataException or DirectoryNotFoundException)
{
    Console.Error.WriteLine("corpus: " + e.Message);
    return 2;
}
