using System.CommandLine;
using Ksplice.Apply.Applying;
using Ksplice.Apply.Kernel;
using Ksplice.Apply.Target;
using Ksplice.Package;

namespace Ksplice.Cli.Commands;

/// <summary>ksplice-undo [OPTIONS] ID: reverse an applied update and unload it.</summary>
public static class UndoCommand
{
    public static Command Build(CommandContext context)
    {
        var id = new Argument<string>("ID") { Description = "the update's id (ksplice-view lists them)" };
        var debug = new Option<bool>("--debug") { Description = "print the core module's log of the attempt" };
        var debugFile = new Option<string>("--debugfile") { Description = "write the core module's log to a file", HelpName = "FILE" };
        var rawErrors = new Option<bool>("--raw-errors") { Description = "print the bare abort cause as the first line of stderr" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "print nothing on success" };
        var command = new Command("undo", "Reverse a rebootless update") { id, debug, debugFile, rawErrors, quiet, CommandTable.VerboseOption() };
        command.SetAction(r =>
        {
            var updateId = r.GetValue(id)!;
            if (!UpdateId.IsValid(updateId))
                return context.Fail("undo", $"'{TerminalTextWriter.Clean(updateId)}' is not an update id (1 to 32 characters of a-z, 0-9 and _; ksplice-view lists them)");
            if (RootCheck.Refuse(context, "undo", "changes the running kernel") is { } refused) return refused;
            Action<string> log = context.Verbosity > 0 ? m => context.Error.WriteLine(m) : _ => { };
            var fault = FaultInjection.FromEnvironment(out var faultError);
            if (faultError is not null) return context.Fail("undo", faultError, ExitCodes.Usage);
            ApplyReport report;
            try
            {
                using var kernel = new LinuxTargetKernel();
                report = new UpdateUndoer(kernel, log, fault).Undo(updateId);
            }
            catch (TargetRefusedException e)
            {
                return context.Fail("undo", TargetRefusalText.Describe(e.Refusal));
            }
            catch (Exception e) when (e is KernelModuleException or IOException)
            {
                return context.Fail("undo", e.Message);
            }
            AbortReporting.WriteDebug(context, report, r.GetValue(debug), r.GetValue(debugFile));
            if (report.Outcome == ApplyOutcome.Applied)
            {
                if (report.Notes.Count > 0)
                {
                    foreach (var note in report.Notes) context.Error.WriteLine($"ksplice-undo: note: {note}");
                    if (!r.GetValue(quiet)) context.Out.WriteLine($"Update {report.Id} reversed; its code stays loaded until reboot.");
                }
                else if (!r.GetValue(quiet)) context.Out.WriteLine($"Update {report.Id} reversed and unloaded.");
                return ExitCodes.Ok;
            }
            AbortReporting.WriteAbort(context, "undo", report, r.GetValue(rawErrors));
            return ExitCodes.Aborted;
        });
        return command;
    }
}
