using Ksplice.Abi;
using Ksplice.Apply.Applying;

namespace Ksplice.Cli.Commands;

/// <summary>How apply and undo tell the user why the kernel refused: the cause, its advice, conflicts, details.</summary>
public static class AbortReporting
{
    public static void WriteAbort(CommandContext context, string command, ApplyReport report, bool rawErrors)
    {
        var info = report.Cause.Info();
        if (rawErrors) context.Error.WriteLine(info.WireName);
        context.Error.WriteLine($"ksplice-{command}: aborted: {info.WireName}");
        context.Error.WriteLine(info.Advice);
        foreach (var detail in report.Details) context.Error.WriteLine("  " + detail);
        if (info.ShowsConflicts && report.Conflicts.Count > 0)
        {
            context.Error.WriteLine("Conflicts (command pid function...):");
            foreach (var c in report.Conflicts) context.Error.WriteLine("  " + c);
        }
    }

    public static void WriteDebug(CommandContext context, ApplyReport report, bool toStdout, string? file)
    {
        if (report.Debug.Length == 0) return;
        if (toStdout) new TerminalTextWriter(context.Out).Write(report.Debug);
        if (file is null) return;
        try
        {
            PrivateFile.Write(file, System.Text.Encoding.UTF8.GetBytes(report.Debug));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The update's outcome stands; only its log could not be kept (e.g. a file was planted at the name meanwhile).
            context.Error.WriteLine($"warning: cannot write the debug file {file}: {e.Message}");
        }
    }
}
