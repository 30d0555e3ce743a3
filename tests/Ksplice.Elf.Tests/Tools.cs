using Ksplice.Source.Process;
using Xunit;

namespace Ksplice.Elf.Tests;

/// <summary>binutils, run the way the tests need them.</summary>
internal static class Tools
{
    public static ProcessResult Run(string file, params string[] args) => ProcessRunner.Default.Run(ProcessSpec.Of(file, args));

    /// <summary>Runs a binutils command and requires exit 0 and no warning or error on stderr.</summary>
    public static string RunClean(string file, params string[] args)
    {
        var r = Run(file, args);
        Assert.True(r.Succeeded, $"{r.CommandLine} failed ({r.ExitCode}):\n{r.Tail()}");
        Assert.False(r.StandardError.Contains("warning", StringComparison.OrdinalIgnoreCase)
            || r.StandardError.Contains("error", StringComparison.OrdinalIgnoreCase), $"{r.CommandLine}:\n{r.StandardError}");
        return r.StandardOutput;
    }

    /// <summary>A path named <paramref name="name"/> in a fresh directory (ld records input file names, so names matter).</summary>
    public static string TempFile(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ksplice-elf-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    /// <summary>`objdump -dr` without the header line that names the file.</summary>
    public static string Disassemble(string path) =>
        string.Join('\n', RunClean("objdump", "-dr", "--no-show-raw-insn", path).Split('\n').Where(l => !l.Contains("file format")));
}
