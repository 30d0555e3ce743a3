using Ksplice.Source.Process;
using Ksplice.TestSupport;
using Ksplice.Vm;

namespace Ksplice.Corpus;

/// <summary>
/// Runs the real ksplice binary on the host, against the test kernel tree (Ksplice.TestSupport.KernelTree), and keeps
/// what `create` makes: a create run is cached under the test cache, keyed by the binary, the patch and the arguments,
/// so a test run builds each update once and later runs only rebuild what changed.
/// </summary>
public static class KspliceTool
{
    private static readonly Lazy<string> LazyBinary = new(() => KspliceBinary.Find(RepositoryLayout.Find()));
    private static readonly Lazy<string> BinaryKey = new(() => BuildCache.Key([], [LazyBinary.Value]));

    public static string Binary => LazyBinary.Value;

    public static KernelTree Tree => KernelTree.Shared;

    /// <summary>Runs `ksplice ARGS...` in <paramref name="workingDirectory"/>.</summary>
    public static ProcessResult Run(string workingDirectory, params string[] args) =>
        ProcessRunner.Default.Run(new ProcessSpec(Binary, args) { WorkingDirectory = workingDirectory, Timeout = TimeSpan.FromMinutes(30) });

    /// <summary>
    /// `ksplice create --id=ID ARGS... KERNEL_SOURCE` with the patch given by path, cached. <paramref name="inputs"/> are
    /// files whose contents the result depends on (the patch, a config directory's .config).
    /// </summary>
    public static CreateRun Create(string id, IReadOnlyList<string> args, IReadOnlyList<string> inputs, string? kernelSource = null)
    {
        kernelSource ??= Tree.TreePath;
        var key = BuildCache.Key([BinaryKey.Value, id, kernelSource, .. args], inputs);
        var directory = new BuildCache().GetOrBuild($"e2e-create-{id}", key, work =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = Run(work, ["create", $"--id={id}", .. args, kernelSource]);
            File.WriteAllText(Path.Combine(work, "elapsed_ms"), clock.ElapsedMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.WriteAllText(Path.Combine(work, "exit"), result.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.WriteAllText(Path.Combine(work, "stdout"), result.StandardOutput);
            File.WriteAllText(Path.Combine(work, "stderr"), result.StandardError);
        });
        var tarball = Path.Combine(directory, $"ksplice-{id}.tar.gz");
        return new CreateRun(int.Parse(File.ReadAllText(Path.Combine(directory, "exit")), System.Globalization.CultureInfo.InvariantCulture),
            File.ReadAllText(Path.Combine(directory, "stdout")), File.ReadAllText(Path.Combine(directory, "stderr")),
            File.Exists(tarball) ? tarball : null,
            TimeSpan.FromMilliseconds(long.Parse(File.ReadAllText(Path.Combine(directory, "elapsed_ms")), System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The update for a corpus case, made from its patch.</summary>
    public static CreateRun Create(CorpusCase c) => Create(c.Id, [$"--patch={c.PatchPath}"], [c.PatchPath]);
}
