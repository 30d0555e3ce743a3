using Ksplice.Apply.Applying;

namespace Ksplice.Cli;

/// <summary>
/// KSPLICE_FAULT=POINT makes ksplice-apply or ksplice-undo kill itself with SIGKILL when it reaches POINT (one of
/// <see cref="ProgressPoints.Names"/>), as a crash, an OOM kill or a power cut at that moment would stop it. The
/// recovery tests use it to stop a run exactly there; it does nothing else, and nothing without the variable.
/// </summary>
public static class FaultInjection
{
    public const string Variable = "KSPLICE_FAULT";

    /// <summary>The callback for apply and undo: null without the variable, and (with <paramref name="error"/>) for a name it does not know.</summary>
    public static Action<ProgressPoint>? FromEnvironment(out string? error)
    {
        error = null;
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } name) return null;
        if (ProgressPoints.Parse(name) is not { } point)
        {
            error = $"{Variable}={name} is not a point apply or undo passes (known: {string.Join(", ", ProgressPoints.Names)})";
            return null;
        }
        return reached =>
        {
            if (reached != point) return;
            Console.Error.WriteLine($"ksplice: {Variable}={name}: killing this process (pid {Environment.ProcessId}) with SIGKILL");
            Console.Error.Flush();
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        };
    }
}
