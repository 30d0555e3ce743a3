using System.CommandLine;

namespace Ksplice.Cli.Commands;

/// <summary>Every subcommand, in one list (the way objtool registers its subcommands).</summary>
public static class CommandTable
{
    public static IEnumerable<Command> All(CommandContext context) =>
    [
        CreateCommand.Build(context),
        ApplyCommand.Build(context),
        UndoCommand.Build(context),
        ViewCommand.Build(context),
        UnameCommand.Build(context),
        PackageCommand.Build(context),
        RepoCommand.Build(context),
        ObjdiffCommandLine.Build(context),
    ];

    /// <summary>-v/--verbose, declared for --help; the count is taken by <see cref="Verbosity"/> before parsing.</summary>
    public static Option<bool> VerboseOption() => new("--verbose", "-v") { Description = "Print progress details; give twice for the commands run and their output" };
}
