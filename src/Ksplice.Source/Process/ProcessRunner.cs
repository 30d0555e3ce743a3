using System.Diagnostics;
using System.Text;

namespace Ksplice.Source.Process;

/// <summary>Runs real processes. Echoes "+ cmd" to <see cref="Log"/> when verbose; streams output at verbosity 2.</summary>
public sealed class ProcessRunner : IProcessRunner
{
    public int Verbosity { get; init; }
    public TextWriter? Log { get; init; }

    public static ProcessRunner Default { get; } = new();

    public ProcessResult Run(ProcessSpec spec)
    {
        if (Verbosity >= 1) Log?.WriteLine("+ " + spec.CommandLine);
        var psi = new ProcessStartInfo(spec.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = spec.StandardInput is not null,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? "",
        };
        foreach (var a in spec.Arguments) psi.ArgumentList.Add(a);
        foreach (var (k, v) in spec.Environment)
        {
            if (v is null) psi.Environment.Remove(k); else psi.Environment[k] = v;
        }

        using var p = new System.Diagnostics.Process { StartInfo = psi };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var echo = Verbosity >= 2 ? Log : null;
        p.OutputDataReceived += (_, e) => { if (e.Data is null) return; lock (stdout) stdout.Append(e.Data).Append('\n'); echo?.WriteLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is null) return; lock (stderr) stderr.Append(e.Data).Append('\n'); echo?.WriteLine(e.Data); };
        try
        {
            p.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ProcessResult(spec.CommandLine, 127, "", $"{spec.FileName}: {e.Message}\n");
        }
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (spec.StandardInput is not null)
        {
            p.StandardInput.Write(spec.StandardInput);
            p.StandardInput.Close();
        }
        if (spec.Timeout is { } timeout)
        {
            if (!p.WaitForExit(timeout))
            {
                try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                p.WaitForExit();
                lock (stderr) stderr.Append($"timed out after {timeout.TotalSeconds:0} s\n");
                return new ProcessResult(spec.CommandLine, 124, stdout.ToString(), stderr.ToString());
            }
        }
        p.WaitForExit();
        lock (stdout) lock (stderr)
            return new ProcessResult(spec.CommandLine, p.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
