using Ksplice.Source.Process;

namespace Ksplice.Vm;

/// <summary>
/// Publishes tests/vm/driver (ksplice-vm-driver: the kernel interfaces of Ksplice.Apply as a console
/// program) as a NativeAOT executable (nothing to start or JIT: both are slow under TCG) for linux-x64, once per
/// distinct source
/// (see <see cref="BuildCache"/>). The guest runs it with the shared libraries ldd lists.
/// </summary>
public static class DriverBuild
{
    public const string Name = "ksplice-vm-driver";

    /// <summary>Returns the path of the published executable.</summary>
    public static string Publish(RepositoryLayout repository, IProcessRunner? runner = null, BuildCache? cache = null)
    {
        runner ??= ProcessRunner.Default;
        cache ??= new BuildCache();
        var driver = Path.Combine(repository.VmTests, "driver");
        var apply = Path.Combine(repository.Root, "src", "Ksplice.Apply");
        var sources = Directory.GetFiles(driver, "*.cs*", SearchOption.TopDirectoryOnly)
            .Concat(Directory.GetFiles(Path.Combine(apply, "Kernel"), "*.cs"))
            .Concat(Directory.GetFiles(Path.Combine(repository.Root, "src", "Ksplice.Abi"), "*.cs"))
            .Concat(Directory.GetFiles(Path.Combine(repository.Root, "src", "Ksplice.Match", "Symbols"), "*.cs"))
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" }.Select(f => Path.Combine(repository.Root, f)))
            .Order(StringComparer.Ordinal).ToList();
        var key = BuildCache.Key([Name, runner.Output("dotnet", "--version")], sources);
        var directory = cache.GetOrBuild(Name, key, work => runner.RunChecked(
            new ProcessSpec("dotnet", ["publish", Path.Combine(driver, "Ksplice.Vm.Driver.csproj"), "-c", "Release",
                "-r", "linux-x64", "--self-contained", "-p:PublishAot=true", "-p:InvariantGlobalization=true",
                "--artifacts-path", Path.Combine(work, "artifacts"), "-o", Path.Combine(work, "out")])
            {
                Timeout = TimeSpan.FromMinutes(10),
            }, "publishing " + Name));
        var executable = Path.Combine(directory, "out", Name);
        return File.Exists(executable) ? executable : throw new FileNotFoundException($"{executable} was not published", executable);
    }
}
