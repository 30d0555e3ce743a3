using System.Globalization;
using Ksplice.Bench.Guest;
using Ksplice.Bench.Micro;
using Ksplice.Vm;

// The measuring half of ./run bench (scripts/bench.sh does the command timings and prints the table):
//   release                         the guest kernel's release (GuestKernel.Discover)
//   guest --ksplice BIN --figures FILE --logs DIR [--rounds N] [--stress-cycles N] [--kallsyms-out FILE] ID=TARBALL...
//   micro --module KO --pre-object O --pre-object-path TREE_PATH --vmlinux FILE --kallsyms FILE --figures FILE --artifacts DIR
const string usage = """
    usage: Ksplice.Bench release
           Ksplice.Bench guest --ksplice BIN --figures FILE --logs DIR [--rounds N] [--stress-cycles N] [--kallsyms-out FILE] ID=TARBALL...
           Ksplice.Bench micro --module KO --pre-object O --pre-object-path TREE_PATH --vmlinux FILE --kallsyms FILE
                               --figures FILE --artifacts DIR
    """;

if (args.Length == 0)
{
    Console.Error.WriteLine(usage);
    return 2;
}
var options = new Dictionary<string, string>(StringComparer.Ordinal);
var positional = new List<string>();
for (var i = 1; i < args.Length; i++)
{
    if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length) options[args[i][2..]] = args[++i];
    else positional.Add(args[i]);
}

try
{
    switch (args[0])
    {
        case "release":
            Console.WriteLine(GuestKernel.Discover().Release);
            return 0;
        case "guest":
            var updates = positional.Select(p => p.Split('=', 2) is [var id, var tarball] ? new GuestUpdate(id, Path.GetFullPath(tarball))
                : throw new ArgumentException($"'{p}': give updates as ID=TARBALL")).ToList();
            return new GuestBench(new GuestBenchOptions(
                Required("ksplice"), updates,
                int.Parse(options.GetValueOrDefault("rounds", "5"), CultureInfo.InvariantCulture),
                int.Parse(options.GetValueOrDefault("stress-cycles", "50"), CultureInfo.InvariantCulture),
                Required("figures"), Required("logs"), options.GetValueOrDefault("kallsyms-out")), Console.Out).Run();
        case "micro":
            var inputs = new MicroInputs(Required("module"), Required("pre-object"), Required("pre-object-path"), Required("vmlinux"), Required("kallsyms"));
            return new MicroBench(inputs, Required("figures"), Required("artifacts"), Console.Out).Run();
        default:
            Console.Error.WriteLine(usage);
            return 2;
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"Ksplice.Bench: {e.Message}\n{usage}");
    return 2;
}

string Required(string name) =>
    options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required for '{args[0]}'");
