using System.CommandLine;
using Ksplice.Debian;
using Ksplice.Package;
using Ksplice.Source.Process;

namespace Ksplice.Cli.Commands;

/// <summary>ksplice package [--series] [--after=PACKAGE] TARBALL...: each update tarball as a Debian update package.</summary>
public static class PackageCommand
{
    public static Command Build(CommandContext context)
    {
        var tarballs = new Argument<string[]>("TARBALL") { Description = "ksplice-ID.tar.gz files, in series order with --series", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "where to write the packages (default: the current directory)", HelpName = "DIR" };
        var revision = new Option<int>("--revision") { Description = "the packages' version (default 1)", DefaultValueFactory = _ => 1, HelpName = "N" };
        var maintainer = new Option<string>("--maintainer") { Description = $"the Maintainer field (default: \"$DEBFULLNAME <$DEBEMAIL>\" when set, else {UpdateDebRequest.DefaultMaintainer})", HelpName = "NAME <EMAIL>" };
        var after = new Option<string>("--after") { Description = "the update package the (first) update is stacked on: it depends on it", HelpName = "PACKAGE" };
        var series = new Option<bool>("--series") { Description = "the updates are stacked in the order given: each package depends on the one before" };
        var command = new Command("package", "Write update tarballs as Debian packages (ksplice-update-RELEASE-ID_N_amd64.deb)")
        {
            tarballs, output, revision, maintainer, after, series, CommandTable.VerboseOption(),
        };
        command.SetAction(r =>
        {
            var runner = new ProcessRunner { Verbosity = context.Verbosity, Log = context.Error };
            var writer = new UpdateDebWriter(runner);
            var previous = r.GetValue(after);
            try
            {
                foreach (var tarball in r.GetValue(tarballs)!)
                {
                    var deb = writer.Write(new UpdateDebRequest(tarball, r.GetValue(output) ?? ".")
                    {
                        Revision = r.GetValue(revision), Maintainer = r.GetValue(maintainer) ?? DefaultMaintainer(), After = previous,
                    });
                    context.Out.WriteLine($"{deb.Path}: update {deb.Id} for Linux {deb.Release}{(previous is null ? "" : $", after {previous}")}");
                    if (r.GetValue(series)) previous = deb.Name;
                }
            }
            catch (Exception e) when (e is UpdateDebException or InvalidUpdateException or IOException)
            {
                return context.Fail("package", e.Message);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string DefaultMaintainer() =>
        (Environment.GetEnvironmentVariable("DEBFULLNAME"), Environment.GetEnvironmentVariable("DEBEMAIL")) is ({ Length: > 0 } name, { Length: > 0 } email)
            ? $"{name} <{email}>"
            : UpdateDebRequest.DefaultMaintainer;
}
