using System.CommandLine;
using Ksplice.Cli;
using Ksplice.Cli.Commands;

// Called as ksplice-create, ksplice-apply, ksplice-undo or ksplice-view (the original's names), the program behaves as
// `ksplice create` etc.
var invokedAs = Path.GetFileName(InvocationName.Read());
var argv = invokedAs.StartsWith("ksplice-", StringComparison.Ordinal) && invokedAs.Length > "ksplice-".Length
    ? [invokedAs["ksplice-".Length..], .. args]
    : args;
var (verbosity, rest) = Verbosity.Extract(argv);
var context = new CommandContext(verbosity, Console.Out, Console.Error);

var root = new RootCommand("Rebootless Linux kernel updates: build an update from a source patch and apply it to the running kernel.");
foreach (var command in CommandTable.All(context)) root.Add(command);
return root.Parse(rest).Invoke();
