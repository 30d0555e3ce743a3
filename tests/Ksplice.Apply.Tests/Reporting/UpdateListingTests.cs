using System.Text.Json.Nodes;
using Ksplice.Apply.Applying;
using Ksplice.Apply.Kernel;
using Ksplice.Apply.Reporting;
using Ksplice.Apply.Tests.Support;
using Ksplice.Match.Tests.Support;
using Xunit;

namespace Ksplice.Apply.Tests.Reporting;

/// <summary>What view and uname report: the effective release, the available updates, view --json.</summary>
public sealed class UpdateListingTests
{
    private readonly RecordedKernel _kernel = new(TestUpdate.Kernel, new ListSymbolSource([]), new SparseMemory());

    private UpdateListing Listing => new(_kernel);

    private void Install(params string[] names)
    {
        var dir = Directory.CreateDirectory(_kernel.Installed.DirectoryOf(TestUpdate.Release)).FullName;
        foreach (var name in names) File.WriteAllText(Path.Combine(dir, name), "");
    }

    [Fact]
    public void WithNoUpdateTheEffectiveReleaseIsTheRunningOne() => Assert.Equal(TestUpdate.Release, Listing.EffectiveRelease());

    [Fact]
    public void TheEffectiveReleaseNamesTheAppliedUpdatesInInstalledOrderThenTheOthersById()
    {
        Install("20261201T000000Z-zz_later.tar.gz", "20261130T000000Z-yy_first.tar.gz", "20261202T000000Z-notapplied.tar.gz");
        _kernel.Preload("zz_later", UpdateStage.Applied);
        _kernel.Preload("yy_first", UpdateStage.Applied);
        _kernel.Preload("byhand", UpdateStage.Applied);
        _kernel.Preload("reversed", UpdateStage.Reversed);

        Assert.Equal($"{TestUpdate.Release}+ksplice.yy_first+ksplice.zz_later+ksplice.byhand", Listing.EffectiveRelease());
    }

    [Fact]
    public void AvailableAreTheInstalledUpdatesThatAreNotApplied()
    {
        Install("20261130T000000Z-applied.tar.gz", "20261201T000000Z-waiting.tar.gz", "20261202T000000Z-reversed.tar.gz");
        _kernel.Preload("applied", UpdateStage.Applied);
        _kernel.Preload("reversed", UpdateStage.Reversed);

        Assert.Equal(["waiting", "reversed"], Listing.Available().Select(u => u.Id));
        var json = Listing.AvailableJson();
        Assert.Equal(TestUpdate.Release, (string?)json["release"]);
        Assert.Equal(["waiting", "reversed"], json["available"]!.AsArray().Select(u => (string?)u!["id"]));
    }

    [Fact]
    public void ViewJsonListsEachLoadedUpdateWithItsStateDescriptionAndFunctions()
    {
        _kernel.Preload("t3st", UpdateStage.Applied);
        var manifest = System.Text.Encoding.UTF8.GetBytes(Ksplice.Package.Manifest.ManifestJson.Serialize(TestUpdate.Manifest("t3st", new LearnImage())));
        _kernel.State.Save("t3st", manifest, [], "learn_calls returns one more", [new AppliedFunction("learn_calls", "vmlinux", 0xffffffff81000010, 5)]);

        var json = JsonNode.Parse(ReportJson.Text(Listing.LoadedJson()))!;

        Assert.Equal($"{TestUpdate.Release}+ksplice.t3st", (string?)json["effectiveRelease"]);
        var update = Assert.Single(json["updates"]!.AsArray())!;
        Assert.Equal("t3st", (string?)update["id"]);
        Assert.Equal("applied", (string?)update["state"]);
        var function = Assert.Single(update["functions"]!.AsArray())!;
        Assert.Equal("learn_calls", (string?)function["name"]);
        Assert.Equal("0xffffffff81000010", (string?)function["address"]);
        Assert.Equal(5, (int)function["trampolineOffset"]!);
    }

    [Theory]
    [InlineData("6.1.0-57-amd64\n", "6.1.0-57-amd64+ksplice.abc\n")]
    [InlineData("Linux host 6.1.0-57-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16) x86_64 GNU/Linux\n",
        "Linux host 6.1.0-57-amd64+ksplice.abc #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16) x86_64 GNU/Linux\n")]
    [InlineData("x86_64\n", "x86_64\n")]
    public void UnameOutputGetsTheEffectiveRelease(string output, string expected) =>
        Assert.Equal(expected, UnameOutput.Substitute(output, "6.1.0-57-amd64", "6.1.0-57-amd64+ksplice.abc"));
}
