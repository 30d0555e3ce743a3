using Ksplice.Abi;
using System.Text.Json.Nodes;
using Ksplice.Apply.Applying;
using Ksplice.Apply.Installed;
using Ksplice.Apply.Kernel;
using Ksplice.Apply.Reporting;
using Ksplice.Apply.Tests.Support;
using Ksplice.Match.Tests.Support;
using Ksplice.Package;
using Xunit;

namespace Ksplice.Apply.Tests.Reporting;

/// <summary>ksplice-apply --json: one document with id, description, state, abort cause, functions and timings.</summary>
public sealed class ReportJsonTests
{
    private readonly LearnImage _image = new();
    private readonly RecordedKernel _kernel;

    public ReportJsonTests() => _kernel = new RecordedKernel(TestUpdate.Kernel, _image.Image.SymbolSource, _image.Image.Memory);

    private ApplyReport Apply() => new UpdateApplier(_kernel, _ => { }).Apply(new ApplyRequest(TestUpdate.Write(TestUpdate.Manifest("t3st", _image))));

    private static JsonNode Parse(JsonNode node) => JsonNode.Parse(ReportJson.Text(node))!;

    [Fact]
    public void AnAppliedUpdate()
    {
        var json = Parse(ReportJson.Report(Apply(), TimeSpan.FromMilliseconds(1234.56)));

        Assert.Equal("t3st", (string?)json["id"]);
        Assert.Equal("learn_calls returns one more", (string?)json["description"]);
        Assert.Equal("applied", (string?)json["state"]);
        Assert.Null(json["abortCause"]);
        var function = Assert.Single(json["functions"]!.AsArray())!;
        Assert.Equal("learn_calls", (string?)function["name"]);
        Assert.Equal(ReportJson.Hex(_image.Address("learn_calls")), (string?)function["address"]);
        Assert.Equal(1234.6, (double)json["timings"]!["totalMs"]!);
        Assert.True((double)json["timings"]!["matchMs"]! >= 0);
    }

    [Fact]
    public void AnAbortedUpdateCarriesItsCauseAndConflicts()
    {
        _kernel.ApplyAnswer = new StageResult(UpdateStage.Preparing, AbortCause.CodeBusy, [new StackConflict("sleeper", 7, ["learn_calls"])], "busy\n");

        var json = Parse(ReportJson.Report(Apply(), TimeSpan.Zero));

        Assert.Equal("aborted", (string?)json["state"]);
        Assert.Equal("code_busy", (string?)json["abortCause"]);
        Assert.Equal(["sleeper 7 learn_calls"], json["conflicts"]!.AsArray().Select(c => (string?)c));
    }

    [Fact]
    public void AllListsEachUpdateAndNamesTheFailures()
    {
        var applied = new InstalledUpdateResult(new InstalledUpdate("t3st", "/u/1-t3st.tar.gz"), TimeSpan.FromMilliseconds(5)) { Report = Apply() };
        var already = new InstalledUpdateResult(new InstalledUpdate("old", "/u/0-old.tar.gz"), TimeSpan.Zero) { WasApplied = true };
        var broken = new InstalledUpdateResult(new InstalledUpdate("bad", "/u/2-bad.tar.gz"), TimeSpan.Zero) { Error = new InvalidUpdateException("not a tarball") };

        var json = Parse(ReportJson.All("6.1.0-57-amd64", null, [already, applied, broken], e => "because: " + e.Message));

        Assert.Equal(["already_applied", "applied", "failed"], json["updates"]!.AsArray().Select(u => (string?)u!["state"]));
        Assert.Equal("because: not a tarball", (string?)json["updates"]![2]!["error"]);
        Assert.Equal("/u/2-bad.tar.gz", (string?)json["updates"]![2]!["update"]);
        Assert.Equal(["bad"], json["failed"]!.AsArray().Select(f => (string?)f));
        Assert.Null(json["off"]);
        Assert.Empty(json["otherKernels"]!.AsArray());
    }

    [Fact]
    public void AllNamesTheUpdatesInstalledForOtherKernelsAsNotApplied()
    {
        var json = Parse(ReportJson.All("6.1.0-57-amd64", null, [], e => e.Message,
            [("6.1.0-99-amd64", new InstalledUpdate("next", "/u/6.1.0-99-amd64/1-next.tar.gz"))]));

        var other = Assert.Single(json["otherKernels"]!.AsArray())!;
        Assert.Equal("next", (string?)other["id"]);
        Assert.Equal("6.1.0-99-amd64", (string?)other["release"]);
        Assert.Equal("not_applied", (string?)other["state"]);
        Assert.Empty(json["failed"]!.AsArray());
    }

    [Fact]
    public void AllWhenKspliceIsOffSaysWhy()
    {
        var json = Parse(ReportJson.All("6.1.0-57-amd64", "ksplice=off is on the kernel command line", [], e => e.Message));

        Assert.Equal("ksplice=off is on the kernel command line", (string?)json["off"]);
        Assert.Empty(json["updates"]!.AsArray());
    }
}
