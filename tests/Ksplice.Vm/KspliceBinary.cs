using Ksplice.Source.Process;

namespace Ksplice.Vm;

/// <summary>
/// The ksplice command the tests run, on the host and in the guest: $KSPLICE_BINARY when set (./run test sets it to the
/// binary setup just published), else src/Ksplice.Cli published once per distinct source into the build cache.
/// </summary>
public static class KspliceBinary
{
    public const string Name = "ksplice";

    public static string Find(RepositoryLayout repository, IProcessRunner? runner = null, BuildCache? cache = null)
    {
        if (Environment.GetEnvironmentVariable("KSPLICE_BINARY") is { Length: > 0 } given)
            return File.Exists(given) ? given : throw new FileNotFoundException($"KSPLICE_BINARY={given} does not exist", given);
        runner ??= ProcessRunner.Default;
        cache ??= new BuildCache();
        var sources = new[] { "src", "kmod" }.SelectMany(d => Directory.GetFiles(Path.Combine(repository.Root, d), "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)
                || f.EndsWith(".c", StringComparison.Ordinal) || f.EndsWith(".h", StringComparison.Ordinal) || f.EndsWith(".mk", StringComparison.Ordinal)
                || Path.GetFileName(f) is "Kbuild" or "Makefile")
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" }.Select(f => Path.Combine(repository.Root, f)))
            .Order(StringComparer.Ordinal).ToList();
        var key = BuildCache.Key([Name, runner.Output("dotnet", "--version")], sources);
        var directory = cache.GetOrBuild(Name, key, work => runner.RunChecked(
            new ProcessSpec("dotnet", ["publish", Path.Combine(repository.Root, "src", "Ksplice.Cli", "Ksplice.Cli.csproj"), "-c", "Release",
                "--artifacts-path", Path.Combine(work, "artifacts"), "-o", Path.Combine(work, "out")])
            {
                Timeout = TimeSpan.FromMinutes(10),
            }, "publishing ksplice"));
        var executable = Path.Combine(directory, "out", Name);
        return File.Exists(executable) ? executable : throw new FileNotFoundException($"{executable} was not published", executable);
    }
}
