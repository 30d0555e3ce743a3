using System.CommandLine;
using Ksplice.Apply.Applying;
using Ksplice.Apply.Kernel;
using Ksplice.Apply.Target;
using Ksplice.Elf.IO;
using Ksplice.Match.Symbols;
using Ksplice.Package;

namespace Ksplice.Cli.Commands;

public sealed record ApplyOptions(string Update)
{
    public bool DryRun { get; init; }
    public bool Partial { get; init; }
    public bool Debug { get; init; }
    public string? DebugFile { get; init; }
    public bool RawErrors { get; init; }
    public bool Quiet { get; init; }
}

/// <summary>ksplice-apply [OPTIONS] UPDATE: apply an update tarball (or unpacked directory) to the running kernel.</summary>
public static class ApplyCommand
{
    public static Command Build(CommandContext context)
    {
        var update = new Argument<string>("UPDATE") { Description = "ksplice-ID.tar.gz, or the directory it unpacks to" };
        var dryRun = new Option<bool>("--dry-run") { Description = "match the update and report what would block it now, change nothing" };
        var partial = new Option<bool>("--partial") { Description = "apply the parts whose target modules are loaded, leave out the rest" };
        var debug = new Option<bool>("--debug") { Description = "print the core module's log of the attempt" };
        var debugFile = new Option<string>("--debugfile") { Description = "write the core module's log of the attempt to a file", HelpName = "FILE" };
        var rawErrors = new Option<bool>("--raw-errors") { Description = "print the bare abort cause as the first line of stderr" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "print nothing on success" };
        var command = new Command("apply", "Apply a rebootless update to the running kernel")
        {
            update, dryRun, partial, debug, debugFile, rawErrors, quiet, CommandTable.VerboseOption(),
        };
        command.SetAction(r => Run(context, new ApplyOptions(r.GetValue(update)!)
        {
            DryRun = r.GetValue(dryRun), Partial = r.GetValue(partial), Debug = r.GetValue(debug), DebugFile = r.GetValue(debugFile),
            RawErrors = r.GetValue(rawErrors), Quiet = r.GetValue(quiet),
        }));
        return command;
    }

    public static int Run(CommandContext context, ApplyOptions options)
    {
        if (RootCheck.Refuse(context, "apply", "changes the running kernel") is { } refused) return refused;
        Action<string> log = context.Verbosity > 0 ? m => context.Error.WriteLine(m) : _ => { };
        ApplyReport report;
        try
        {
            using var kernel = new LinuxTargetKernel();
            report = new UpdateApplier(kernel, log).Apply(new ApplyRequest(Path.GetFullPath(options.Update)) { DryRun = options.DryRun, Partial = options.Partial });
        }
        catch (TargetRefusedException e)
        {
            return context.Fail("apply", TargetRefusalText.Describe(e.Refusal));
        }
        catch (Exception e) when (e is InvalidUpdateException or KallsymsException or KernelModuleException or ElfFormatException or IOException or UnauthorizedAccessException)
        {
            return context.Fail("apply", e.Message);
        }
        AbortReporting.WriteDebug(context, report, options.Debug, options.DebugFile);
        switch (report.Outcome)
        {
            case ApplyOutcome.Applied:
                if (!options.Quiet) context.Out.WriteLine($"Done! Update {report.Id} applied (matched in {report.MatchTime.TotalMilliseconds:0} ms).");
                return ExitCodes.Ok;
            case ApplyOutcome.WouldApply:
                context.Out.WriteLine($"Update {report.Id} matches the running kernel ({report.Match!.Functions.Count} function(s), {report.Match.Symbols.Count} symbol(s), {report.MatchTime.TotalMilliseconds:0} ms); nothing was changed (--dry-run).");
                foreach (var f in report.Match.Functions) context.Out.WriteLine($"  {f.Symbol} at 0x{f.Address:x} ({f.Size} bytes, trampoline at +{f.TrampolineOffset})");
                if (report.Conflicts.Count == 0) context.Out.WriteLine("No task is using the code it replaces right now.");
                else
                {
                    context.Out.WriteLine("These tasks are using the code it replaces right now and would block it:");
                    foreach (var c in report.Conflicts) context.Out.WriteLine("  " + c);
                }
                return ExitCodes.Ok;
            default:
                AbortReporting.WriteAbort(context, "apply", report, options.RawErrors);
                return ExitCodes.Aborted;
        }
    }
}
