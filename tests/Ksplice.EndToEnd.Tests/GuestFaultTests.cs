using Xunit;

namespace Ksplice.EndToEnd.Tests;

/// <summary>
/// Corpus cases listed in Data/corpus-overrides.txt as guest-fault: ksplice applies them as asked, and the patched code
/// then faults. Each runs in a boot of its own (the fault takes the guest down) and the test asserts exactly that:
/// apply got as far as installing the trampolines, and the guest did not survive the new code.
/// </summary>
public class GuestFaultTests
{
    public static TheoryData<string> Cases => new(CorpusOverrides.All.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Applied_patch_faults_as_documented(string name)
    {
        var c = CorpusCase.Named(name);
        var create = KspliceTool.Create(c);
        Assert.True(create.ExitCode == 0, create.Describe());
        var result = new GuestRun()
            .AddUpdate(c.Id, create.Tarball!, c.CheckPath, c.SetupPath)
            .Case("fault", $"cd /ksplice-test/updates/{c.Id}\nksplice-apply -v {c.Id}.tar.gz\nsh ./check")
            .Boot(TimeSpan.FromMinutes(4));
        var run = result.Case("fault");
        Assert.True(run.Began, result.Describe());
        Assert.Contains("Applying the update (stop_machine)", run.Output);
        Assert.False(run.Finished && result.Healthy,
            $"{name} was expected to fault ({CorpusOverrides.All[name].Reason}) but the guest survived:\n{run.Output}");
    }
}
