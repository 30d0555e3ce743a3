using System.Diagnostics;
using Ksplice.Corpus;
using UpdateDebName = Ksplice.Debian.UpdateDebName;
using Ksplice.Source.Process;
using Ksplice.TestSupport;
using Ksplice.Vm;

namespace Ksplice.EndToEnd.Tests;

/// <summary>
/// One Debian 12 machine (<see cref="DebianGuest"/>) of a fleet, booted four times. On the host: the tool packages that
/// `./run package` builds (scripts/package.sh, lintian-checked), two corpus updates packaged by `ksplice package --series`
/// (the second depends on the first), an update built for another kernel release packaged the same way, a stand-in
/// image package for that release (a second kernel installed but not booted), and all of them made a signed apt
/// repository by `ksplice repo`. Boot 1 (tests/vm/cases/fleet.sh) installs the tools, the updates and the foreign
/// update with apt-get and tries to remove the first of the series alone; boot 2 is the reboot, where ksplice.service
/// has applied the series again, and the updates are removed with apt-get; then the first is installed again and
/// /etc/ksplice/disable made. Boot 3 has that file, boot 4 (without it) ksplice=off on the kernel command line: in
/// both ksplice.service is skipped and nothing is applied.
/// </summary>
public sealed class FleetMachine : IDisposable
{
    private const string StepsPath = $"{DebianGuest.ShareMount}/cases/fleet.sh";
    private readonly string _work;

    public FleetMachine()
    {
        var runner = ProcessRunner.Default;
        _work = Directory.CreateTempSubdirectory("ksplice-fleet-").FullName;
        var clock = Stopwatch.StartNew();
        ToolPackages = BuildToolPackages(runner);
        PackageTime = clock.Elapsed;

        var updates = new[] { "cmdline-string", "meminfo-string" }.Select(name => (Case: VisibleCorpus.Named(name), Run: KspliceTool.Create(VisibleCorpus.Named(name))))
            .ToList();
        foreach (var u in updates)
            if (u.Run.Tarball is null) throw new InvalidOperationException($"{u.Case.Name} did not create:\n{u.Run.Describe()}");
        // A series is applied in creation order: the earlier update is the one the other is stacked on.
        updates = [.. updates.OrderBy(u => u.Run.Manifest.Created)];
        First = updates[0].Case;
        Second = updates[1].Case;
        var foreign = ForeignUpdate.Make(updates[0].Run, "fleet-foreign");
        ForeignId = updates[0].Run.Manifest.Id;

        var debs = Directory.CreateDirectory(Path.Combine(_work, "debs")).FullName;
        PackageOutput = Ksplice("package", "--series", $"--output={debs}", updates[0].Run.Tarball!, updates[1].Run.Tarball!)
            + Ksplice("package", $"--output={debs}", foreign);
        UpdateDebs = Directory.GetFiles(debs, "*.deb").Order(StringComparer.Ordinal).ToList();
        var foreignDeb = UpdateDebs.Single(d => Path.GetFileName(d).StartsWith(UpdateDebName.Of(ForeignUpdate.Release, ForeignId) + "_", StringComparison.Ordinal));
        Lintian = runner.Run(new ProcessSpec("lintian", ["--fail-on", "error,warning", .. ToolPackages, .. UpdateDebs]) { Timeout = TimeSpan.FromMinutes(10) });

        var repository = new AptRepository(Path.Combine(_work, "apt"));
        foreach (var deb in ToolPackages.Concat(UpdateDebs)) repository.Add(deb);
        repository.Add(StandInImage(runner, foreignDeb));
        RepoOutput = Ksplice([("GNUPGHOME", repository.GnupgHome)], "repo", $"--key={AptRepository.KeyUser}", repository.RepositoryDirectory);
        repository.StopAgent();

        clock.Restart();
        Image = DebianImage.Build(GuestRun.Kernel, GuestRun.Repository);
        ImageTime = clock.Elapsed;
        Machine = new DebianGuest(Image, GuestRun.Repository);
        Machine.AddFile(repository.Keyring, "apt/keyring.gpg")
            .AddDirectory(repository.RepositoryDirectory, "apt/repo")
            .AddFile(First.CheckPath!, $"checks/{First.Id}")
            .AddFile(Second.CheckPath!, $"checks/{Second.Id}")
            .AddFile(Path.Combine(GuestRun.Repository.VmTests, "cases", "fleet.sh"), "cases/fleet.sh")
            .AddFile(TestModules.Build(new KbuildCache(GuestRun.Kernel), GuestRun.Repository).Fixture("ksplice_fix_warn"), "ksplice_fix_warn.ko");
        File.WriteAllText(Path.Combine(Machine.Share, "fleet.env"), string.Join('\n',
            $"FIRST_ID={First.Id}", $"FIRST_PKG={PackageName(First.Id)}",
            $"SECOND_ID={Second.Id}", $"SECOND_PKG={PackageName(Second.Id)}",
            $"FOREIGN_ID={ForeignId}", $"FOREIGN_PKG={UpdateDebName.Of(ForeignUpdate.Release, ForeignId)}",
            $"FOREIGN_RELEASE={ForeignUpdate.Release}", $"VERSION={ToolVersion}") + "\n");

        Installing = Machine.Boot(new Scenario().Source(StepsPath)
            .Case("fleet_release").Case("fleet_unsigned_refused").Case("fleet_install_tools").Case("fleet_completion")
            .Case("fleet_unit_verified").Case("fleet_install_update").Case("fleet_install_foreign").Case("fleet_install_stacked"));
        Rebooted = Machine.Boot(new Scenario().Source(StepsPath)
            .Case("fleet_after_reboot").Case("fleet_early").Case("fleet_remove_stacked").Case("fleet_remove_foreign")
            .Case("fleet_remove").Case("fleet_disable").Case("fleet_warning"));
        DisabledByFile = Machine.Boot(new Scenario().Source(StepsPath).Case("fleet_disabled_by_file"));
        OffOnCommandLine = Machine.Boot(new Scenario().Source(StepsPath).Case("fleet_off_on_command_line"), kernelParameters: "ksplice=off");
    }

    public static string ToolVersion => File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "VERSION")).Trim();

    public IReadOnlyList<string> ToolPackages { get; }
    public TimeSpan PackageTime { get; }
    public IReadOnlyList<string> UpdateDebs { get; }
    public ProcessResult Lintian { get; }
    public string PackageOutput { get; }
    public string RepoOutput { get; }
    public CorpusCase First { get; }
    public CorpusCase Second { get; }
    public string ForeignId { get; }
    public DebianImage Image { get; }
    public TimeSpan ImageTime { get; }
    public DebianGuest Machine { get; }

    /// <summary>Boot 1, which installs; <see cref="Rebooted"/> is the reboot after it.</summary>
    public DebianBoot Installing { get; }
    public DebianBoot Rebooted { get; }

    /// <summary>Boot 3, with /etc/ksplice/disable and the first update installed.</summary>
    public DebianBoot DisabledByFile { get; }

    /// <summary>Boot 4, with ksplice=off on the kernel command line and the first update installed.</summary>
    public DebianBoot OffOnCommandLine { get; }

    public static string PackageName(string id) => UpdateDebName.Of(GuestRun.Kernel.Release, id);

    public void Dispose()
    {
        Machine.Dispose();
        Directory.Delete(_work, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>scripts/package.sh, as `./run package` runs it: ksplice and ksplice-core-dkms, lintian-checked.</summary>
    private static IReadOnlyList<string> BuildToolPackages(IProcessRunner runner)
    {
        var root = TestPaths.RepositoryRoot;
        var result = runner.Run(new ProcessSpec("bash", [Path.Combine(root, "scripts", "package.sh")])
        {
            WorkingDirectory = root, Timeout = TimeSpan.FromMinutes(20),
            Environment = new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
        });
        if (!result.Succeeded)
            throw new InvalidOperationException($"scripts/package.sh failed (exit {result.ExitCode}):\n{result.StandardOutput}\n{result.StandardError}");
        var packages = Path.Combine(root, "out", "packages");
        return [Path.Combine(packages, $"ksplice_{ToolVersion}_amd64.deb"), Path.Combine(packages, $"ksplice-core-dkms_{ToolVersion}_all.deb")];
    }

    /// <summary>
    /// An empty linux-image package of the foreign update's release at the version its Depends names: on the guest it
    /// stands for a second kernel installed beside the running one, whose updates install but cannot apply.
    /// </summary>
    private string StandInImage(IProcessRunner runner, string foreignDeb)
    {
        var depends = runner.Output("dpkg-deb", "--field", foreignDeb, "Depends").Trim();
        var image = $"linux-image-{ForeignUpdate.Release}";
        var entry = depends.Split(',').Select(d => d.Trim()).Single(d => d.StartsWith(image, StringComparison.Ordinal));
        var version = entry.Contains("(= ") ? entry[(entry.IndexOf("(= ", StringComparison.Ordinal) + 3)..].TrimEnd(')') : "1";
        var root = Path.Combine(_work, "stand-in");
        Directory.CreateDirectory(Path.Combine(root, "DEBIAN"));
        File.WriteAllText(Path.Combine(root, "DEBIAN", "control"), $"""
            Package: {image}
            Version: {version}
            Architecture: amd64
            Maintainer: ksplice tests <ksplice-test@invalid>
            Section: kernel
            Priority: optional
            Description: stand-in for a second installed kernel (ksplice fleet test)
             Empty: it only satisfies the Depends of an update built for {ForeignUpdate.Release}.

            """);
        var deb = Path.Combine(_work, $"{image}_{version}_amd64.deb");
        runner.RunChecked("dpkg-deb", "--root-owner-group", "--build", root, deb);
        return deb;
    }

    private string Ksplice(params string[] args) => Ksplice([], args);

    private string Ksplice(IReadOnlyList<(string Name, string Value)> environment, params string[] args)
    {
        var result = ProcessRunner.Default.Run(new ProcessSpec(KspliceTool.Binary, args)
        {
            WorkingDirectory = _work, Timeout = TimeSpan.FromMinutes(5),
            Environment = environment.ToDictionary(e => e.Name, e => (string?)e.Value),
        });
        return result.Succeeded ? result.StandardOutput
            : throw new InvalidOperationException($"ksplice {string.Join(' ', args)} failed (exit {result.ExitCode}):\n{result.StandardOutput}\n{result.StandardError}");
    }
}
