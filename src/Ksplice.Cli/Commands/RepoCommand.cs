using System.CommandLine;
using Ksplice.Debian;
using Ksplice.Source.Process;

namespace Ksplice.Cli.Commands;

/// <summary>ksplice repo --key=KEYID DIR: a folder of update packages as a signed flat apt repository.</summary>
public static class RepoCommand
{
    public static Command Build(CommandContext context)
    {
        var directory = new Argument<string>("DIR") { Description = "the folder of .deb files" };
        var key = new Option<string>("--key") { Description = "the gpg key that signs Release (InRelease, Release.gpg)", HelpName = "KEYID", Required = true };
        var command = new Command("repo", "Make a folder of packages a signed apt repository (deb [signed-by=KEYRING] file:/DIR ./)")
        {
            directory, key, CommandTable.VerboseOption(),
        };
        command.SetAction(r =>
        {
            var dir = r.GetValue(directory)!;
            try
            {
                new AptRepository(new ProcessRunner { Verbosity = context.Verbosity, Log = context.Error }).Write(dir, r.GetValue(key)!);
            }
            catch (Exception e) when (e is UpdateDebException or IOException)
            {
                return context.Fail("repo", e.Message);
            }
            context.Out.WriteLine($"{Path.GetFullPath(dir)}: signed apt repository ({string.Join(", ", AptRepository.IndexFiles)})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
