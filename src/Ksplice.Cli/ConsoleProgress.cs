using System.Diagnostics;
using Ksplice.Update.Creation;

namespace Ksplice.Cli;

/// <summary>Shows progress on stderr: each step with the time since the start; details at -v.</summary>
public sealed class ConsoleProgress(int verbosity, TextWriter output) : ICreateProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Step(string message) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,5:0.0}s] {message}");

    public void Detail(string message)
    {
        if (verbosity >= 1) output.WriteLine($"         {message}");
    }

    public void Warning(string message) => output.WriteLine($"warning: {message}");
}
