using Ksplice.Apply.Kernel;
using Xunit;

namespace Ksplice.Apply.Tests.Kernel;

/// <summary>Which installed core apply loads: the DKMS build of ksplice-core-dkms before setup's extra/ copy.</summary>
public sealed class InstalledCoreTests
{
    private const string Release = "6.1.0-57-amd64";
    private readonly string _root = Directory.CreateTempSubdirectory("ksplice-modules-").FullName;

    private string Install(string location)
    {
        var path = Path.Combine(_root, Release, location, InstalledCore.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [0x7f]);
        return path;
    }

    [Fact]
    public void TheDkmsBuildWinsOverSetupsCopy()
    {
        Install("extra");
        var dkms = Install("updates/dkms");

        Assert.Equal(dkms, InstalledCore.PathFor(Release, _root));
    }

    [Fact]
    public void SetupsCopyIsTheCoreWithoutTheDkmsPackage() =>
        Assert.Equal(Install("extra"), InstalledCore.PathFor(Release, _root));

    [Fact]
    public void WithNoCoreThePathIsSetupsPlaceAndBothPlacesAreCandidates()
    {
        Assert.Equal(Path.Combine(_root, Release, "extra", InstalledCore.FileName), InstalledCore.PathFor(Release, _root));
        Assert.Equal([Path.Combine(_root, Release, "updates/dkms", InstalledCore.FileName), Path.Combine(_root, Release, "extra", InstalledCore.FileName)],
            InstalledCore.Candidates(Release, _root));
    }
}
