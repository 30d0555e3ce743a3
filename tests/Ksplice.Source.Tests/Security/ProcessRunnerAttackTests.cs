using Ksplice.Source.Process;
using Xunit;

namespace Ksplice.Source.Tests.Security;

/// <summary>Planted programs and a hostile environment in the caller must not reach the commands ksplice runs.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class ProcessRunnerAttackTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ksplice-plant-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Plant(string name)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, $"#!/bin/sh\ntouch {_dir}/pwned-{name}\necho planted\n");
        Ksplice.Source.Trees.FileModes.Set(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    [Fact]
    public void A_planted_make_or_patch_in_the_current_directory_is_never_run()
    {
        Plant("make");
        Plant("patch");
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = _dir;
        try
        {
            var make = new ProcessRunner().Run(new ProcessSpec("make", ["--version"]) { WorkingDirectory = _dir });
            var patch = new ProcessRunner().Run(new ProcessSpec("patch", ["--version"]) { WorkingDirectory = _dir });
            Assert.Contains("GNU Make", make.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("GNU patch", patch.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
        Assert.Empty(Directory.EnumerateFiles(_dir, "pwned-*"));
    }

    [Fact]
    public void A_relative_program_path_is_refused()
    {
        Plant("make");
        var result = new ProcessRunner().Run(new ProcessSpec("./make", []) { WorkingDirectory = _dir });
        Assert.Equal(127, result.ExitCode);
        Assert.Contains("absolute", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_dir, "pwned-*"));
    }

    [Fact]
    public void The_callers_environment_does_not_reach_the_child()
    {
        string[] hostile = ["KCPPFLAGS", "KCFLAGS", "CPATH", "C_INCLUDE_PATH", "GCC_EXEC_PREFIX", "ARCH", "LLVM", "CROSS_COMPILE",
            "KBUILD_EXTRA_SYMBOLS", "MAKEFLAGS", "GIT_DIR", "LD_LIBRARY_PATH", "COMPILER_PATH"];
        var previousPath = Environment.GetEnvironmentVariable("PATH");
        try
        {
            foreach (var name in hostile) Environment.SetEnvironmentVariable(name, "-DPWNED");
            Environment.SetEnvironmentVariable("PATH", _dir + ":" + previousPath);
            Plant("env");
            var result = new ProcessRunner().RunChecked(ProcessSpec.Of("env"));
            var seen = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            Assert.DoesNotContain("PWNED", result.StandardOutput, StringComparison.Ordinal);
            foreach (var name in hostile) Assert.False(seen.ContainsKey(name), name);
            Assert.Equal(CommandPath.SearchPath, seen["PATH"]);
            Assert.Equal("C", seen["LC_ALL"]);
            Assert.Empty(Directory.EnumerateFiles(_dir, "pwned-*"));
        }
        finally
        {
            foreach (var name in hostile) Environment.SetEnvironmentVariable(name, null);
            Environment.SetEnvironmentVariable("PATH", previousPath);
        }
    }

    [Fact]
    public void A_spec_may_still_add_or_remove_variables()
    {
        var result = new ProcessRunner().RunChecked(new ProcessSpec("env", []) { Environment = new Dictionary<string, string?> { ["KSPLICE_X"] = "1", ["LANG"] = null } });
        Assert.Contains("KSPLICE_X=1\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("LANG=", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Stdin_bytes_reach_the_child_unchanged()
    {
        byte[] bytes = [0x43, 0x61, 0x66, 0xe9, 0x0a, 0xff];
        var result = new ProcessRunner().RunChecked(new ProcessSpec("cat", []) { StandardInputBytes = bytes });
        Assert.Equal(bytes, result.StandardOutputBytes);
    }
}
