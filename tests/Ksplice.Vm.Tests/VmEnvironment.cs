using Ksplice.Vm;

namespace Ksplice.Vm.Tests;

/// <summary>What every VM test needs, discovered and built once per test run (builds are cached across runs).</summary>
public static class VmEnvironment
{
    private static readonly Lazy<GuestKernel> LazyKernel = new(() => GuestKernel.Discover());
    private static readonly Lazy<RepositoryLayout> LazyRepository = new(RepositoryLayout.Find);
    private static readonly Lazy<TestModules> LazyModules =
        new(() => TestModules.Build(new KbuildCache(Kernel), Repository));

    private static readonly Lazy<string> LazyDriver = new(() => DriverBuild.Publish(Repository));

    public static GuestKernel Kernel => LazyKernel.Value;
    public static RepositoryLayout Repository => LazyRepository.Value;
    public static TestModules Modules => LazyModules.Value;

    /// <summary>ksplice-vm-driver, published once (tests/vm/driver).</summary>
    public static string Driver => LazyDriver.Value;
}
