using Ksplice.Apply.Applying;
using Ksplice.Apply.Kernel;
using Ksplice.Apply.Tests.Support;
using Ksplice.Elf.Modules;
using Ksplice.Match.Tests.Support;
using Ksplice.Package.Manifest;
using Xunit;

namespace Ksplice.Apply.Tests.Applying;

/// <summary>
/// What apply checks before it loads anything (LoadPreconditions): signature enforcement, the installed core, its CRCs,
/// the loaded core; and that a core shipped in a tarball is never loaded. Each refusal leaves the kernel untouched.
/// </summary>
public sealed class LoadRefusalTests
{
    private const string Id = "l0ad";
    private readonly LearnImage _image = new();
    private readonly RecordedKernel _kernel;

    public LoadRefusalTests() => _kernel = new RecordedKernel(TestUpdate.Kernel, _image.Image.SymbolSource, _image.Image.Memory);

    private UpdateManifest Manifest => TestUpdate.Manifest(Id, _image);

    private ApplyReport Apply(string tarball, bool dryRun = false) =>
        new UpdateApplier(_kernel, _ => { }).Apply(new ApplyRequest(tarball) { DryRun = dryRun });

    private TargetRefusal Refused(string tarball) => Assert.Throws<TargetRefusedException>(() => Apply(tarball)).Refusal;

    private void AssertNothingLoadedOrRead()
    {
        Assert.Empty(_kernel.Actions);
        Assert.Empty(_kernel.Modules);
        Assert.Empty(_kernel.State.Functions(Id));
    }

    [Fact]
    public void ATarballCarryingItsOwnCoreNeverGetsItLoaded()
    {
        var hostile = TestCore.Build(sourceVersion: "0123456789ABCDEF0123456");

        var report = Apply(TestUpdate.WriteWithItsOwnCore(Manifest, hostile));

        Assert.Equal(ApplyOutcome.Applied, report.Outcome);
        Assert.Equal(["read symbols", "load ksplice_core", $"load ksplice_{Id}", $"apply {Id}"], _kernel.Actions);
        Assert.Equal(File.ReadAllBytes(_kernel.InstalledCorePath), _kernel.Modules[CoreModule.Name]);
        Assert.NotEqual(hostile, _kernel.Modules[CoreModule.Name]);
    }

    [Fact]
    public void ATarballCarryingItsOwnCoreIsRefusedWhenNoCoreIsInstalledAndLoadsNothing()
    {
        File.Delete(_kernel.InstalledCorePath);

        var refusal = Refused(TestUpdate.WriteWithItsOwnCore(Manifest, TestCore.Build()));

        Assert.Equal(new NoInstalledCore(Id, TestUpdate.Release, _kernel.InstalledCorePath), refusal);
        AssertNothingLoadedOrRead();
    }

    [Fact]
    public void NoInstalledCoreForTheRunningReleaseIsRefusedBeforeAnythingLoads()
    {
        File.Delete(_kernel.InstalledCorePath);

        var refusal = Assert.IsType<NoInstalledCore>(Refused(TestUpdate.Write(Manifest)));

        Assert.Equal(Path.Combine(_kernel.ModulesRoot, TestUpdate.Release, "extra", "ksplice_core.ko"), refusal.Path);
        AssertNothingLoadedOrRead();
    }

    [Fact]
    public void AnInstalledCoreWithOtherCrcsIsRefusedNamingTheSymbolAndBothCrcs()
    {
        TestCore.Install(_kernel.ModulesRoot, TestUpdate.Release,
            TestCore.Build(new Dictionary<string, uint> { ["ksplice_register"] = 0x12345678, ["ksplice_unregister"] = TestCore.UnregisterCrc }));

        var refusal = Refused(TestUpdate.Write(Manifest));

        Assert.Equal(new InstalledCoreMismatch(Id, _kernel.InstalledCorePath,
            [new CoreSymbolMismatch("ksplice_register", TestCore.RegisterCrc, true, 0x12345678)]), refusal);
        AssertNothingLoadedOrRead();
    }

    [Fact]
    public void AnInstalledCoreThatDoesNotExportASymbolTheUpdateNeedsIsRefused()
    {
        TestCore.Install(_kernel.ModulesRoot, TestUpdate.Release,
            TestCore.Build(new Dictionary<string, uint> { ["ksplice_register"] = TestCore.RegisterCrc }));

        var refusal = Refused(TestUpdate.Write(Manifest));

        Assert.Equal(new InstalledCoreMismatch(Id, _kernel.InstalledCorePath,
            [new CoreSymbolMismatch("ksplice_unregister", TestCore.UnregisterCrc, false, null)]), refusal);
        AssertNothingLoadedOrRead();
    }

    [Theory]
    [InlineData("0123456789ABCDEF0123456")]
    [InlineData(null)]
    public void ALoadedCoreThatIsNotTheInstalledOneIsRefusedAndStaysAsItWas(string? loadedSourceVersion)
    {
        _kernel.Preload(CoreModule.Name);
        _kernel.PreloadedCoreSourceVersion = loadedSourceVersion;

        var refusal = Refused(TestUpdate.Write(Manifest));

        Assert.Equal(new LoadedCoreNotInstalled(Id, _kernel.InstalledCorePath, loadedSourceVersion, TestCore.SourceVersion), refusal);
        Assert.Empty(_kernel.Actions);
        Assert.Equal([CoreModule.Name], _kernel.Modules.Keys);
    }

    [Fact]
    public void ALoadedCoreIsCheckedAgainstTheInstalledFilesSrcversion()
    {
        _kernel.Preload(CoreModule.Name);
        TestCore.Install(_kernel.ModulesRoot, TestUpdate.Release, TestCore.Build(sourceVersion: "FEDCBA9876543210FEDCBA9"));

        var refusal = Assert.IsType<LoadedCoreNotInstalled>(Refused(TestUpdate.Write(Manifest)));

        Assert.Equal(TestCore.SourceVersion, refusal.LoadedSourceVersion);
        Assert.Equal("FEDCBA9876543210FEDCBA9", refusal.InstalledSourceVersion);
    }

    public static TheoryData<bool, string?, string> EnforcingKernels => new()
    {
        { true, null, "module.sig_enforce is Y" },
        { false, "integrity", "lockdown is 'integrity'" },
        { false, "confidentiality", "lockdown is 'confidentiality'" },
        { true, "integrity", "lockdown is 'integrity'" },
    };

    [Theory]
    [MemberData(nameof(EnforcingKernels))]
    public void AKernelThatEnforcesSignaturesIsRefusedBeforeAnythingIsReadOrLoaded(bool sigEnforce, string? lockdown, string setting)
    {
        _kernel.Signatures = new ModuleSignaturePolicy(sigEnforce, lockdown);

        var refusal = Assert.IsType<SignaturesEnforced>(Refused(TestUpdate.Write(Manifest)));

        Assert.Equal(_kernel.Signatures, refusal.Policy);
        Assert.Contains(refusal.Policy.Settings, s => s.StartsWith(setting, StringComparison.Ordinal));
        Assert.False(refusal.UpdateSigned);
        AssertNothingLoadedOrRead();
    }

    [Theory]
    [InlineData(false, "none")]
    [InlineData(false, null)]
    public void AKernelThatDoesNotEnforceSignaturesApplies(bool sigEnforce, string? lockdown)
    {
        _kernel.Signatures = new ModuleSignaturePolicy(sigEnforce, lockdown);

        Assert.Equal(ApplyOutcome.Applied, Apply(TestUpdate.Write(Manifest)).Outcome);
    }

    [Fact]
    public void UnderEnforcementASignedUpdateIsRefusedTooAndTheRefusalSaysItIsSigned()
    {
        _kernel.Signatures = new ModuleSignaturePolicy(true, null);

        var refusal = Assert.IsType<SignaturesEnforced>(Refused(TestUpdate.Write(Manifest, SignedModule.Write(TestUpdate.ModuleFor(Manifest)))));

        Assert.True(refusal.UpdateSigned);
        AssertNothingLoadedOrRead();
    }

    [Fact]
    public void ADryRunUnderEnforcementMatchesLoadsNothingAndReportsTheRefusalToCome()
    {
        _kernel.Signatures = new ModuleSignaturePolicy(true, null);

        var report = Apply(TestUpdate.Write(Manifest), dryRun: true);

        Assert.Equal(ApplyOutcome.WouldApply, report.Outcome);
        Assert.Equal(_image.Address("learn_calls"), Assert.Single(report.Match!.Functions).Address);
        var blocker = Assert.IsType<SignaturesEnforced>(Assert.Single(report.Blockers));
        Assert.True(blocker.Policy.SigEnforce);
        Assert.Empty(_kernel.Modules);
    }

    [Fact]
    public void ADryRunReportsEveryBlocker()
    {
        _kernel.Signatures = new ModuleSignaturePolicy(false, "integrity");
        File.Delete(_kernel.InstalledCorePath);

        var report = Apply(TestUpdate.Write(Manifest), dryRun: true);

        Assert.Equal([typeof(SignaturesEnforced), typeof(NoInstalledCore)], report.Blockers.Select(b => b.GetType()));
        Assert.Empty(_kernel.Modules);
    }

    [Fact]
    public void ASignatureAppendedAtCreateIsNotLoaded()
    {
        var signed = SignedModule.Write(TestUpdate.ModuleFor(Manifest));
        Assert.NotNull(ModuleSignature.Find(File.ReadAllBytes(signed), signed));

        Assert.Equal(ApplyOutcome.Applied, Apply(TestUpdate.Write(Manifest, signed)).Outcome);

        Assert.Null(ModuleSignature.Find(_kernel.Modules[$"ksplice_{Id}"], "loaded module"));
    }
}
