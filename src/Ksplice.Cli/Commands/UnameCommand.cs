using System.CommandLine;
using Ksplice.Apply.Reporting;
using Ksplice.Apply.Target;
using Ksplice.Source.Process;

namespace Ksplice.Cli.Commands;

/// <summary>
/// ksplice-uname [UNAME OPTIONS]: uname's output with the running release replaced by the effective one
/// (<see cref="UpdateListing.EffectiveRelease"/>), as uptrack-uname does; every option goes to uname.
/// </summary>
public static class UnameCommand
{
    public static Command Build(CommandContext context)
    {
        var options = new Argument<string[]>("UNAME-OPTIONS") { Description = "passed to uname: -r prints the effective release, -a every field with it", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("uname", "Print uname's fields with the effective kernel release (running release plus applied updates)")
        {
            options,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(r =>
        {
            var arguments = r.GetValue(options)!.Concat(r.UnmatchedTokens).ToArray();
            var result = ProcessRunner.Default.Run(ProcessSpec.Of("uname", arguments));
            context.Error.Write(result.StandardError);
            if (!result.Succeeded) return result.ExitCode;
            using var kernel = new LinuxTargetKernel();
            context.Out.Write(UnameOutput.Substitute(result.StandardOutput, kernel.Running.Release, new UpdateListing(kernel).EffectiveRelease()));
            return ExitCodes.Ok;
        });
        return command;
    }
}
