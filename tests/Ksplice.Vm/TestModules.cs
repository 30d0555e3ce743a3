namespace Ksplice.Vm;

/// <summary>
/// The modules the VM tests load: ksplice_core.ko built from kmod/ with its own Makefile, and the
/// fixture modules of tests/vm/fixtures/ built against the core's Module.symvers. Both come from
/// <see cref="KbuildCache"/>, so a test run builds each at most once.
/// </summary>
public sealed class TestModules
{
    private TestModules(string coreDirectory, string fixturesDirectory)
    {
        CoreDirectory = coreDirectory;
        FixturesDirectory = fixturesDirectory;
    }

    /// <summary>The core build: <c>core/ksplice_core.ko</c>, <c>core/Module.symvers</c>.</summary>
    public string CoreDirectory { get; }

    public string FixturesDirectory { get; }

    public string CoreModule => Existing(Path.Combine(CoreDirectory, "core", "ksplice_core.ko"));

    public string CoreSymvers => Existing(Path.Combine(CoreDirectory, "core", "Module.symvers"));

    /// <summary>Every fixture module (.ko) that was built.</summary>
    public IReadOnlyList<string> Fixtures =>
        Directory.GetFiles(FixturesDirectory, "*.ko").Order(StringComparer.Ordinal).ToList();

    public string Fixture(string name) => Existing(Path.Combine(FixturesDirectory, name + ".ko"));

    public static TestModules Build(KbuildCache cache, RepositoryLayout repository)
    {
        var kmod = repository.Kmod;
        var coreFiles = new Dictionary<string, string>
        {
            ["Makefile"] = Path.Combine(kmod, "Makefile"),
        };
        foreach (var file in Directory.GetFiles(Path.Combine(kmod, "include")).Where(IsSource))
            coreFiles[$"include/{Path.GetFileName(file)}"] = file;
        foreach (var file in Directory.GetFiles(Path.Combine(kmod, "core")).Where(IsSource))
            coreFiles[$"core/{Path.GetFileName(file)}"] = file;
        var headers = cache.Kernel.HeadersDirectory;
        var core = cache.Build("ksplice_core", coreFiles, dir => ["-C", dir, $"KDIR={headers}"]);
        var symvers = Path.Combine(core, "core", "Module.symvers");

        var fixtureFiles = new Dictionary<string, string>
        {
            ["ksplice_abi.h"] = Path.Combine(kmod, "include", "ksplice_abi.h"),
        };
        foreach (var file in Directory.GetFiles(Path.Combine(repository.VmTests, "fixtures")).Where(IsSource))
            fixtureFiles[Path.GetFileName(file)] = file;
        var fixtures = cache.Build("ksplice_fixtures", fixtureFiles, dir => ["-C", headers, $"M={dir}", "modules"], symvers);
        return new TestModules(core, fixtures);
    }

    /// <summary>Sources only: an in-tree build (make -C kmod) leaves generated *.mod.c files beside them.</summary>
    private static bool IsSource(string path) =>
        Path.GetFileName(path) is "Kbuild" or "Makefile" ||
        (path.EndsWith(".c", StringComparison.Ordinal) && !path.EndsWith(".mod.c", StringComparison.Ordinal)) ||
        path.EndsWith(".h", StringComparison.Ordinal);

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"Expected build output {path} is missing", path);
}
