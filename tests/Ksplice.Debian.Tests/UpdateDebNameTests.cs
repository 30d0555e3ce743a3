using Xunit;

namespace Ksplice.Debian.Tests;

/// <summary>Update package names and the kernel image they depend on.</summary>
public sealed class UpdateDebNameTests
{
    [Fact]
    public void AnIdsUnderscoresBecomeDashes() =>
        Assert.Equal("ksplice-update-6.1.0-57-amd64-cve-2026-1", UpdateDebName.Of("6.1.0-57-amd64", "cve_2026_1"));

    [Fact]
    public void AReleaseThatCannotBeInAPackageNameIsRefused()
    {
        var e = Assert.Throws<UpdateDebException>(() => UpdateDebName.Of("6.1.0_Custom", "abc"));
        Assert.Contains("kernel release '6.1.0_Custom'", e.Message);
    }

    [Theory]
    [InlineData("#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)", "6.1.192-2")]
    [InlineData("#1 SMP PREEMPT_DYNAMIC Debian 6.1.158-1~bpo11+1 (2025-10-01)", "6.1.158-1~bpo11+1")]
    [InlineData("#1 SMP PREEMPT_DYNAMIC Tue Nov 4 2026", null)]
    public void TheKernelImageVersionIsTheDebianVersionInUnameV(string unameVersion, string? expected) =>
        Assert.Equal(expected, KernelImagePackage.VersionOf(unameVersion));

    [Fact]
    public void AKernelWithoutADebianVersionIsDependedOnByName() =>
        Assert.Equal("linux-image-6.1.0-57-amd64", KernelImagePackage.Dependency(new("6.1.0-57-amd64", "#1 SMP", "gcc-12")));
}
