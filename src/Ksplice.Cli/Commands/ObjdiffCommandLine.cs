using System.CommandLine;

namespace Ksplice.Cli.Commands;

/// <summary>`ksplice objdiff PRE.o POST.o`: which functions and data changed between two builds of an object.</summary>
public static class ObjdiffCommandLine
{
    public static Command Build(CommandContext context)
    {
        var pre = new Argument<string>("PRE.o") { Description = "the object built from the original source" };
        var post = new Argument<string>("POST.o") { Description = "the object built from the patched source" };
        var command = new Command("objdiff", "Show which functions and data differ between two builds of an object (exit as create would: 0 changes an update can carry, 66 none, 1 a change it cannot carry or an unreadable input)")
        {
            pre, post, CommandTable.VerboseOption(),
        };
        command.SetAction(r => Ksplice.Diff.ObjdiffCommand.Run(r.GetValue(pre)!, r.GetValue(post)!, context.Out, context.Verbosity > 0));
        return command;
    }
}
