using System.CommandLine;
using System.Diagnostics;
using Ksplice.Apply.Applying;
using Ksplice.Apply.Kernel;
using Ksplice.Apply.Reporting;
using Ksplice.Apply.Target;
using Ksplice.Elf.IO;
using Ksplice.Elf.Modules;
using Ksplice.Match.Symbols;
using Ksplice.Package;

namespace Ksplice.Cli.Commands;

public sealed record ApplyOptions(string? Update)
{
    public bool All { get; init; }
    public bool Json { get; init; }
    public bool DryRun { get; init; }
    public bool Partial { get; init; }
    public bool Debug { get; init; }
    public string? DebugFile { get; init; }
    public bool RawErrors { get; init; }
    public bool Quiet { get; init; }
}

/// <summary>ksplice-apply [OPTIONS] UPDATE | --all: apply an update tarball (or unpacked directory), or every installed
/// update (<see cref="ApplyAll"/>), to the running kernel.</summary>
public static class ApplyCommand
{
    public static Command Build(CommandContext context)
    {
        var update = new Argument<string?>("UPDATE") { Description = "ksplice-ID.tar.gz, or the directory it unpacks to", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "apply every update installed for the running kernel (/var/lib/ksplice/updates/RELEASE/), in order" };
        var json = new Option<bool>("--json") { Description = "print the result as one JSON document on stdout" };
        var dryRun = new Option<bool>("--dry-run") { Description = "match the update and report what would block it now, change nothing" };
        var partial = new Option<bool>("--partial") { Description = "apply the parts whose target modules are loaded, leave out the rest" };
        var debug = new Option<bool>("--debug") { Description = "print the core module's log of the attempt" };
        var debugFile = new Option<string>("--debugfile") { Description = "write the core module's log of the attempt to a file", HelpName = "FILE" };
        var rawErrors = new Option<bool>("--raw-errors") { Description = "print the bare abort cause as the first line of stderr" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "print nothing on success" };
        var command = new Command("apply", "Apply a rebootless update to the running kernel")
        {
            update, all, json, dryRun, partial, debug, debugFile, rawErrors, quiet, CommandTable.VerboseOption(),
        };
        command.SetAction(r => Run(context, new ApplyOptions(r.GetValue(update))
        {
            All = r.GetValue(all), Json = r.GetValue(json),
            DryRun = r.GetValue(dryRun), Partial = r.GetValue(partial), Debug = r.GetValue(debug), DebugFile = r.GetValue(debugFile),
            RawErrors = r.GetValue(rawErrors), Quiet = r.GetValue(quiet),
        }));
        return command;
    }

    public static int Run(CommandContext context, ApplyOptions options)
    {
        if ((options.Update is null) == !options.All)
            return context.Fail("apply", "give one UPDATE (ksplice-ID.tar.gz) or --all, not both and not neither", ExitCodes.Usage);
        if (options.All && (options.DryRun || options.Partial || options.DebugFile is not null))
            return context.Fail("apply", "--all applies the installed updates as they are: --dry-run, --partial and --debugfile need one UPDATE", ExitCodes.Usage);
        if (RootCheck.Refuse(context, "apply", "changes the running kernel") is { } refused) return refused;
        Action<string> log = context.Verbosity > 0 ? m => context.Error.WriteLine(m) : _ => { };
        var fault = FaultInjection.FromEnvironment(out var faultError);
        if (faultError is not null) return context.Fail("apply", faultError, ExitCodes.Usage);
        if (options.All) return ApplyAll.Run(context, options, log);
        var clock = Stopwatch.StartNew();
        ApplyReport report;
        try
        {
            using var kernel = new LinuxTargetKernel();
            report = new UpdateApplier(kernel, log, fault).Apply(new ApplyRequest(Path.GetFullPath(options.Update!)) { DryRun = options.DryRun, Partial = options.Partial });
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            if (options.Json) context.Out.WriteLine(ReportJson.Text(ReportJson.Failed(null, Path.GetFullPath(options.Update!), message, clock.Elapsed)));
            return context.Fail("apply", message);
        }
        AbortReporting.WriteDebug(context, report, options.Debug, options.DebugFile);
        if (options.Json)
        {
            // stdout holds only the JSON document; why the kernel refused still goes to stderr.
            context.Out.WriteLine(ReportJson.Text(ReportJson.Report(report, clock.Elapsed)));
            if (report.Outcome != ApplyOutcome.Aborted) return report.Outcome == ApplyOutcome.WouldApply ? WriteBlockers(context, report) : ExitCodes.Ok;
            AbortReporting.WriteAbort(context, "apply", report, options.RawErrors);
            return ExitCodes.Aborted;
        }
        // --raw-errors promises the bare cause as stderr's first line: an abort's notes follow its report.
        if (!options.Quiet && report.Outcome != ApplyOutcome.Aborted)
            WriteNotes(context, report);
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
                return WriteBlockers(context, report);
            default:
                AbortReporting.WriteAbort(context, "apply", report, options.RawErrors);
                WriteNotes(context, report);
                WriteBlockers(context, report);
                return ExitCodes.Aborted;
        }
    }

    /// <summary>The message for an error that stops one apply before the kernel is asked; null for a bug.</summary>
    public static string? Describe(Exception e) => e switch
    {
        TargetRefusedException r => TargetRefusalText.Describe(r.Refusal),
        InvalidUpdateException or KallsymsException or KernelModuleException or ElfFormatException or KernelModuleFormatException
            or MatchInconsistentException or TrampolineOffsetMismatchException or IOException or UnauthorizedAccessException => e.Message,
        _ => null,
    };

    private static void WriteNotes(CommandContext context, ApplyReport report)
    {
        foreach (var note in report.Notes) context.Error.WriteLine($"ksplice-apply: note: {note}");
    }

    /// <summary>--dry-run: what would refuse the real apply before it loads anything; exit 1 when there is any.</summary>
    private static int WriteBlockers(CommandContext context, ApplyReport report)
    {
        foreach (var blocker in report.Blockers)
            context.Error.WriteLine($"ksplice-apply: --dry-run: the real apply would be refused: {TargetRefusalText.Describe(blocker)}");
        return report.Blockers.Count > 0 ? ExitCodes.Error : ExitCodes.Ok;
    }
}
