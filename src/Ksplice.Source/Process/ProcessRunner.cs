using System.Diagnostics;
using System.Text;

namespace Ksplice.Source.Process;

/// <summary>
/// Runs real processes from absolute paths (<see cref="CommandPath"/>) with the environment <see cref="ChildEnvironment"/>
/// builds. Echoes "+ cmd" to <see cref="Log"/> when verbose; streams output at verbosity 2.
/// </summary>
public sealed class ProcessRunner : IProcessRunner
{
    public int Verbosity { get; init; }
    public TextWriter? Log { get; init; }

    public static ProcessRunner Default { get; } = new();

    public ProcessResult Run(ProcessSpec spec)
    {
        if (Verbosity >= 1) Log?.WriteLine("+ " + spec.CommandLine);
        if (CommandPath.Resolve(spec.FileName) is not { } program)
            return new ProcessResult(spec.CommandLine, 127, "",
                $"{spec.FileName}: not found{(spec.FileName.Contains('/') ? " (a program path must be absolute)" : $" in {CommandPath.SearchPath}")}\n");
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = spec.StandardInput is not null || spec.StandardInputBytes is not null,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? "",
        };
        foreach (var a in spec.Arguments) psi.ArgumentList.Add(a);
        psi.Environment.Clear();
        foreach (var (k, v) in ChildEnvironment.Build()) psi.Environment[k] = v;
        foreach (var (k, v) in spec.Environment)
        {
            if (v is null) psi.Environment.Remove(k); else psi.Environment[k] = v;
        }

        using var p = new System.Diagnostics.Process { StartInfo = psi };
        var stdout = new MemoryStream();
        var stderr = new StringBuilder();
        var echo = Verbosity >= 2 ? Log : null;
        p.ErrorDataReceived += (_, e) => { if (e.Data is null) return; lock (stderr) stderr.Append(e.Data).Append('\n'); echo?.WriteLine(e.Data); };
        try
        {
            p.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ProcessResult(spec.CommandLine, 127, "", $"{spec.FileName}: {e.Message}\n");
        }
        var reading = CopyOutput(p.StandardOutput.BaseStream, stdout, echo);
        p.BeginErrorReadLine();
        if (RedirectedInput(spec) is { } input)
        {
            try
            {
                p.StandardInput.BaseStream.Write(input);
                p.StandardInput.Close();
            }
            catch (IOException)
            {
                // The command exited without reading all of its input; its exit code says what happened.
            }
        }
        if (spec.Timeout is { } timeout && !p.WaitForExit(timeout))
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.WaitForExit();
            reading.Wait();
            lock (stderr) stderr.Append($"timed out after {timeout.TotalSeconds:0} s\n");
            return Result(spec, 124, stdout, stderr);
        }
        p.WaitForExit();
        reading.Wait();
        return Result(spec, p.ExitCode, stdout, stderr);
    }

    private static byte[]? RedirectedInput(ProcessSpec spec) =>
        spec.StandardInputBytes ?? (spec.StandardInput is { } text ? new UTF8Encoding(false).GetBytes(text) : null);

    private static ProcessResult Result(ProcessSpec spec, int exitCode, MemoryStream stdout, StringBuilder stderr)
    {
        var bytes = stdout.ToArray();
        lock (stderr)
            return new ProcessResult(spec.CommandLine, exitCode, Encoding.UTF8.GetString(bytes), stderr.ToString()) { StandardOutputBytes = bytes };
    }

    private static Task CopyOutput(Stream from, MemoryStream to, TextWriter? echo) => Task.Run(() =>
    {
        var decoder = Encoding.UTF8.GetDecoder();
        var buffer = new byte[65536];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        int n;
        while ((n = from.Read(buffer, 0, buffer.Length)) > 0)
        {
            to.Write(buffer, 0, n);
            if (echo is not null) echo.Write(chars, 0, decoder.GetChars(buffer, 0, n, chars, 0));
        }
    });
}
