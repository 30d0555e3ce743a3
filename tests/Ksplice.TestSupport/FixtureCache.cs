using System.Security.Cryptography;
using System.Text;
using Ksplice.Source.Process;

namespace Ksplice.TestSupport;

/// <summary>
/// Compiles C fixtures with gcc at test time into a cache keyed by the source, the flags and `gcc --version`, so no
/// binary is checked in and each object is built once per machine. A missing gcc is a failure, never a skip.
/// </summary>
public static class FixtureCache
{
    public const string Compiler = "gcc-12";

    /// <summary>The flags the kernel uses that shape code the way our tools expect (fentry, return thunks, sections).</summary>
    public static readonly string[] KernelLikeFlags =
    [
        "-O2", "-fno-pic", "-mcmodel=kernel", "-fno-asynchronous-unwind-tables", "-ffunction-sections", "-fdata-sections",
        "-mno-red-zone", "-fno-common", "-fno-strict-aliasing",
    ];

    private static readonly Lazy<string> CompilerVersion = new(() => ProcessRunner.Default.Output(Compiler, "--version"));
    private static readonly object Gate = new();

    /// <summary>Compiles <paramref name="source"/> to an object file and returns its path.</summary>
    public static string Compile(string source, params string[] flags) => Build(source, flags, "-c", ".o");

    /// <summary>Compiles and links <paramref name="source"/> into an executable and returns its path.</summary>
    public static string CompileExecutable(string source, params string[] flags) => Build(source, flags, null, "");

    private static string Build(string source, string[] flags, string? mode, string extension)
    {
        var key = Hash(source + "\0" + string.Join('\0', flags) + "\0" + mode + "\0" + CompilerVersion.Value);
        var dir = Path.Combine(TestPaths.CacheRoot, "fixtures");
        var output = Path.Combine(dir, key + extension);
        lock (Gate)
        {
            if (File.Exists(output)) return output;
            Directory.CreateDirectory(dir);
            var src = Path.Combine(dir, key + ".c");
            File.WriteAllText(src, source);
            var tmp = output + ".tmp" + Environment.ProcessId;
            var args = new List<string>(flags);
            if (mode is not null) args.Add(mode);
            args.AddRange(["-o", tmp, src]);
            ProcessRunner.Default.RunChecked(new ProcessSpec(Compiler, args), $"compiling fixture {src}");
            File.Move(tmp, output, overwrite: true);
            return output;
        }
    }

    private static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..24];
}
