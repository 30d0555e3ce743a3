using Ksplice.Corpus;
using Ksplice.Vm;
using Xunit;

namespace Ksplice.EndToEnd.Tests;

/// <summary>The corpus runner's reading of a case folder and its verdict on create runs, without a kernel.</summary>
public sealed class CorpusRunnerTests : IDisposable
{
    private readonly string _corpus = Directory.CreateTempSubdirectory("ksplice-corpus-test-").FullName;

    public void Dispose() => Directory.Delete(_corpus, recursive: true);

    private CorpusCase AddCase(string name, string expect, string? setup = null)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_corpus, name)).FullName;
        File.WriteAllText(Path.Combine(dir, "patch"), "--- a/x.c\n+++ b/x.c\n");
        File.WriteAllText(Path.Combine(dir, "expect"), expect + "\n");
        if (setup is not null) File.WriteAllText(Path.Combine(dir, "setup"), setup);
        return new CorpusCase(name, dir, CorpusExpectations.TryParse(expect, out var e) ? e : default);
    }

    [Fact]
    public void Any_folder_of_cases_loads_in_name_order_with_setup_modules()
    {
        AddCase("zeta", "refused");
        AddCase("alpha-1", "applies", "modprobe -q xfs\nmodprobe nf_tables && echo ok\n");
        var cases = CorpusCase.Load(_corpus);
        Assert.Equal(["alpha-1", "zeta"], cases.Select(c => c.Name));
        Assert.Equal("alpha_1", cases[0].Id);
        Assert.Equal(["xfs", "nf_tables"], cases[0].SetupModules);
        Assert.Equal(CorpusExpectation.Refused, cases[1].Expect);
    }

    [Fact]
    public void A_long_case_name_gets_a_valid_distinct_id()
    {
        var a = CorpusCase.IdFor("stable-ext4-xattr-refcount-saturate");
        var b = CorpusCase.IdFor("stable-ext4-xattr-refcount-saturatf");
        Assert.True(Ksplice.Package.UpdateId.IsValid(a), a);
        Assert.Equal(CorpusCase.MaximumIdLength, a.Length);
        Assert.StartsWith("stable_ext4_xattr_refco", a);
        Assert.NotEqual(a, b);
        Assert.Equal("short_one", CorpusCase.IdFor("short-one"));
    }

    [Fact]
    public void Setup_modules_are_read_from_every_form_of_modprobe_run_as_a_command()
    {
        var c = AddCase("mods", "applies", """
            #!/bin/sh
            # modprobe commented_out
            modprobe -a xfs nf_tables
            modprobe -q ext4
            modprobe dummy numdummies=2 && echo ok
            if /sbin/modprobe -r veth 2>/dev/null; then echo gone; fi
            modprobe -C /etc/modprobe.d -- loop max_loop=4
            echo modprobe not_a_command
            modprobe $MODULE
            FOO=1 modprobe -qa bonding "team" >/dev/null
            """);
        Assert.Equal(["xfs", "nf_tables", "ext4", "dummy", "veth", "loop", "bonding", "team"], c.SetupModules);
    }

    [Fact]
    public void An_unknown_expectation_names_the_file_and_the_known_words()
    {
        AddCase("odd", "maybe");
        var c = Assert.Single(CorpusCase.Load(_corpus));
        Assert.Contains(Path.Combine(_corpus, "odd", "expect") + ":1: 'maybe'", c.Problem);
        Assert.Contains("applies, no-change, refused", c.Problem);
        Assert.Equal("?", c.ExpectWord);
    }

    [Fact]
    public void A_malformed_case_folder_is_one_error_row_and_the_other_cases_still_run()
    {
        AddCase("odd", "maybe");
        var noPatch = Directory.CreateDirectory(Path.Combine(_corpus, "no-patch")).FullName;
        File.WriteAllText(Path.Combine(noPatch, "expect"), "applies\n");
        AddCase("refused-one", "refused");
        var created = new List<string>();
        var run = new CorpusRun(CorpusCase.Load(_corpus), c =>
        {
            created.Add(c.Name);
            return new CreateRun(1, "", "ksplice-create: init/main.c: __init code changed", null, TimeSpan.FromSeconds(2));
        });
        var report = run.Boot();
        Assert.Equal(["refused-one"], created);
        Assert.Equal(["no-patch", "odd", "refused-one"], report.Results.Select(r => r.Case.Name));
        Assert.Equal([CaseOutcome.Error, CaseOutcome.Error, CaseOutcome.RefusedAtCreate], report.Results.Select(r => r.Outcome));
        Assert.Contains("no patch file", report.Case("no-patch").Reason);
        Assert.Contains("'maybe' is not one of applies, no-change, refused", report.Case("odd").Reason);
        Assert.True(report.Case("refused-one").AsExpected);
        Assert.False(report.AllAsExpected);
        Assert.Null(report.Guest);
        var table = report.Table();
        Assert.Matches(@"(?m)^odd +\? +MISS error ", table);
        Assert.Contains("1 of 3 cases as expected", table);
    }

    [Fact]
    public void A_case_whose_preparation_throws_is_an_error_row_and_the_others_still_run()
    {
        AddCase("broken", "applies");
        AddCase("fine", "no-change");
        var report = new CorpusRun(CorpusCase.Load(_corpus), c => c.Name == "broken"
            ? throw new IOException("disk on fire")
            : new CreateRun(66, "", "ksplice-create: Aborting: No changes detected", null, TimeSpan.FromSeconds(1))).Boot();
        Assert.Equal(CaseOutcome.Error, report.Case("broken").Outcome);
        Assert.Equal("IOException: disk on fire", report.Case("broken").Reason);
        Assert.True(report.Case("fine").AsExpected);
    }

    [Fact]
    public void A_module_the_guest_kernel_lacks_is_an_error_row_naming_it_and_a_built_in_one_needs_nothing()
    {
        var modules = Directory.CreateDirectory(Path.Combine(_corpus, "lib-modules")).FullName;
        File.WriteAllText(Path.Combine(modules, "modules.dep"), "kernel/fs/xfs/xfs.ko: kernel/lib/libcrc32c.ko\nkernel/lib/libcrc32c.ko:\n");
        File.WriteAllText(Path.Combine(modules, "modules.builtin"), "kernel/fs/ext4/ext4.ko\n");
        File.WriteAllText(Path.Combine(modules, "modules.builtin.modinfo"), "ext4.alias=fs-ext4\0ext4.license=GPL\0");
        var index = ModuleIndex.Read(modules);
        Assert.True(index.IsBuiltin("ext4"));
        Assert.True(index.IsBuiltin("fs-ext4"));
        Assert.False(index.IsBuiltin("xfs"));
        var c = AddCase("needs-modules", "applies");
        var create = new CreateRun(0, "", "", "/nonexistent.tar.gz", TimeSpan.FromSeconds(1));
        Assert.Null(CaseJudge.FromModules(c, create, index, ["xfs"], ["ext4", "fs-ext4"]));
        var result = CaseJudge.FromModules(c, create, index, ["xfs", "gone_target"], ["ext4", "no_such_module"]);
        Assert.NotNull(result);
        Assert.Equal(CaseOutcome.Error, result.Outcome);
        Assert.False(result.AsExpected);
        Assert.Equal($"the update targets module gone_target; setup loads module no_such_module, which {modules} has neither in modules.dep "
            + "nor built in (modules.builtin)", result.Reason);
    }

    [Fact]
    public void A_type_refusal_keeps_its_whole_first_line_and_the_table_wraps_it_under_the_reason_column()
    {
        const string refusal = "kernel/printk/printk.o: struct devkmsg_user (kernel/printk/printk.c:700): member 'generation' added at +4176 "
            + "(8 bytes); size 4176 -> 4184; used by 5 functions staying in the running kernel (devkmsg_llseek, devkmsg_open, devkmsg_poll, "
            + "devkmsg_read, devkmsg_release). Refused: the running kernel keeps using the old layout: keep the layout (put new fields in "
            + "shadow data, or convert existing instances from ksplice hooks), or, if the update already makes the change safe that way, "
            + "pass --allow-type-change='struct devkmsg_user'.";
        var c = AddCase("devkmsg-member", "refused");
        var create = new CreateRun(1, "", "[  1.0s] Building 1 object\nksplice-create: Aborting: the patch cannot be applied to a running kernel:\n  "
            + refusal + "\n", null, TimeSpan.FromSeconds(9));
        var result = CaseJudge.FromCreate(c, create)!;
        Assert.Equal("ksplice-create: Aborting: the patch cannot be applied to a running kernel: / " + refusal, result.Reason);

        var lines = new CorpusReport([result], null).Table().Split('\n');
        var column = lines[0].IndexOf("reason", StringComparison.Ordinal);
        var rows = lines.Skip(1).TakeWhile(l => !l.Contains("cases as expected", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count > 1);
        Assert.All(rows, l => Assert.True(l.Length <= column + CorpusReport.ReasonWidth, l));
        Assert.All(rows.Skip(1), l => Assert.True(string.IsNullOrWhiteSpace(l[..column]), l));
        Assert.Equal(result.Reason, string.Join(' ', rows.Select(l => l[column..])));
    }

    [Fact]
    public void Selecting_an_unknown_case_lists_the_known_ones()
    {
        AddCase("one", "applies");
        var e = Assert.Throws<ArgumentException>(() => CorpusCase.Select(CorpusCase.Load(_corpus), ["two"]));
        Assert.Contains("no case two", e.Message);
        Assert.Contains("one", e.Message);
    }

    [Theory]
    [InlineData("no-change", 66, "ksplice-create: No changes detected", CaseOutcome.NoChange, true)]
    [InlineData("applies", 66, "ksplice-create: No changes detected", CaseOutcome.NoChange, false)]
    [InlineData("refused", 1, "ksplice-create: init/main.c: __init code changed", CaseOutcome.RefusedAtCreate, true)]
    [InlineData("refused", 1, "", CaseOutcome.Failed, false)]
    [InlineData("refused", 134, "Unhandled exception. System.NullReferenceException\n   at Ksplice.Foo()", CaseOutcome.Failed, false)]
    [InlineData("applies", 66, "nothing", CaseOutcome.Failed, false)]
    public void Create_alone_decides_cases_it_ends(string expect, int exit, string error, CaseOutcome outcome, bool asExpected)
    {
        var c = AddCase("c", expect);
        var result = CaseJudge.FromCreate(c, new CreateRun(exit, "", error, null, TimeSpan.FromSeconds(3)));
        Assert.NotNull(result);
        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(asExpected, result.AsExpected);
        Assert.Equal(TimeSpan.FromSeconds(3), result.CreateTime);
    }

    [Fact]
    public void A_created_update_goes_to_the_guest_unless_no_change_was_expected()
    {
        var run = new CreateRun(0, "Ksplice update tarball written to ksplice-c.tar.gz", "", "/nonexistent.tar.gz", TimeSpan.FromSeconds(1));
        Assert.Null(CaseJudge.FromCreate(AddCase("a", "applies"), run));
        Assert.Null(CaseJudge.FromCreate(AddCase("r", "refused"), run));
        var noChange = CaseJudge.FromCreate(AddCase("n", "no-change"), run);
        Assert.Equal(CaseOutcome.Created, noChange!.Outcome);
        Assert.False(noChange.AsExpected);
    }
}
