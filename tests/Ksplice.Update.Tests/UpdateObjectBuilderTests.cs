using Ksplice.Diff;
using Ksplice.Elf.IO;
using Ksplice.Elf.Model;
using Ksplice.Source.Process;
using Ksplice.TestSupport;
using Ksplice.Package.Manifest;
using Ksplice.Update.Building;
using Ksplice.Update.Generation;
using Xunit;

namespace Ksplice.Update.Tests;

/// <summary>update.o from real differ output on gcc fixtures: what is copied, what becomes a placeholder, what the loader resolves.</summary>
public class UpdateObjectBuilderTests
{
    private static readonly string[] Flags = [.. FixtureCache.KernelLikeFlags, "-pg", "-mfentry", "-mrecord-mcount"];

    private static ElfObject Compile(string name) =>
        ElfReader.ReadFile(FixtureCache.Compile(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "update", name)), Flags));

    private static TargetedDiff Diff(string name) =>
        new(ObjectDiffer.Compare($"{name}.o", Compile($"{name}-pre.c"), Compile($"{name}-post.c")), "vmlinux");

    private static readonly ExportTable Exports = ExportTable.Parse("0x1\texported_fn\tvmlinux\tEXPORT_SYMBOL\t\n0x2\t__fentry__\tvmlinux\tEXPORT_SYMBOL\t\n0x3\treport\tvmlinux\tEXPORT_SYMBOL\t\n", "test");

    [Fact]
    public void Changed_function_gets_a_trampoline_after_its_fentry_nop()
    {
        var update = UpdateObjectBuilder.Build([Diff("calls")], Exports);
        var patch = Assert.Single(update.Patches);
        Assert.Equal("changed", patch.Name);
        Assert.Equal(5, patch.TrampolineOffset);
        Assert.Contains(update.Functions, f => f.Name == "added" && f.Change == FunctionChangeKind.New);
        Assert.Contains(update.Functions, f => f.Name == "changed" && f.Change == FunctionChangeKind.Changed);
        Assert.DoesNotContain(update.Functions, f => f.Name == "unchanged");
    }

    [Fact]
    public void A_changed_function_whose_trampoline_would_cover_a_run_time_site_is_refused_naming_the_site()
    {
        var e = Assert.Throws<TrampolineSiteException>(() => UpdateObjectBuilder.Build([Diff("run-time-sites")], Exports));
        Assert.Equal(["branched: __jump_table at +5 (5 bytes)", "counted: .smp_locks at +5 (1 byte)"],
            e.Refusals.Select(r => $"{r.Function}: {r.Site.Name} at +{r.SiteOffset} ({r.SiteLength} byte{(r.SiteLength == 1 ? "" : "s")})").Order());
        Assert.All(e.Refusals, r => Assert.Equal(5, r.TrampolineOffset));
        Assert.DoesNotContain(e.Refusals, r => r.Function == "steady");   // unchanged: no trampoline
        Assert.Contains("run-time-sites.o: branched: its trampoline (bytes +5..+10, after its ftrace call) would cover the " +
            "__jump_table site at +5 (5 bytes), which static keys", e.Message, StringComparison.Ordinal);
        Assert.Contains("Patch the callers of branched instead, or move the change", e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<UpdateBuildException>(e);
    }

    [Fact]
    public void Addresses_of_new_code_handed_out_in_code_or_data_are_listed_and_calls_or_inner_labels_are_not()
    {
        var update = UpdateObjectBuilder.Build([Diff("callbacks")], Exports);
        Assert.Equal(
            [new EscapeEntry("on_timer", "code of changed"), new EscapeEntry("op_impl", "data new_ops")],
            update.Escapes.OrderBy(e => e.Function, StringComparer.Ordinal));
        Assert.Contains("KSPLICE_UPDATE_KEEP_CODE", DescriptorSource.Generate("callbacks", update), StringComparison.Ordinal);
    }

    [Fact]
    public void An_update_that_only_calls_its_new_code_hands_nothing_out()
    {
        var update = UpdateObjectBuilder.Build([Diff("calls")], Exports);
        Assert.Empty(update.Escapes);
        Assert.DoesNotContain("KSPLICE_UPDATE_KEEP_CODE", DescriptorSource.Generate("calls", update), StringComparison.Ordinal);
    }

    [Fact]
    public void References_the_loader_cannot_resolve_become_placeholders_and_exports_stay_undefined()
    {
        var update = UpdateObjectBuilder.Build([Diff("calls")], Exports);
        var names = update.Placeholders.Select(p => (p.Name, p.Kind)).ToHashSet();
        Assert.Contains(("changed", PlaceholderKind.Function), names);      // the old function, for the trampoline
        Assert.Contains(("helper", PlaceholderKind.Function), names);       // static, unchanged: the running copy
        Assert.Contains(("counter", PlaceholderKind.Data), names);          // static data: the running instance, never a copy
        Assert.Contains(update.Placeholders, p => p.Name == "unexported_fn");
        Assert.DoesNotContain(update.Placeholders, p => p.Name is "exported_fn" or "added" or "report");
        var undefined = update.Object.Symbols.Where(s => s.IsUndefined).Select(s => s.Name).ToHashSet();
        Assert.Contains("exported_fn", undefined);
        Assert.Contains("report", undefined);
        Assert.All(update.Object.Symbols.Where(s => s.Name.StartsWith("__ksplice_sym_", StringComparison.Ordinal)), s => Assert.True(s.IsAbsolute));
        Assert.DoesNotContain(update.Object.Sections, s => s.Name.Contains("counter", StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_function_of_one_object_is_called_directly_by_another_objects_new_code()
    {
        var update = UpdateObjectBuilder.Build([Diff("calls"), Diff("caller")], Exports);
        Assert.DoesNotContain(update.Placeholders, p => p.Name == "added");
        var caller = update.Object.FindSections(".text.caller").Single();
        var call = caller.Relocations.Single(r => r.Symbol.Name == "added" || r.Symbol.Section?.Name == ".text.added");
        Assert.NotNull(call.Symbol.Section);
    }

    [Fact]
    public void Written_update_object_links_and_its_descriptor_names_every_patch()
    {
        var update = UpdateObjectBuilder.Build([Diff("calls")], Exports);
        var dir = Directory.CreateTempSubdirectory("ksplice-update-").FullName;
        var path = Path.Combine(dir, "update.o");
        ElfWriter.WriteFile(update.Object, path);
        var readelf = ProcessRunner.Default.RunChecked("readelf", "-W", "-a", path);
        Assert.DoesNotContain("Warning", readelf.StandardError);
        ProcessRunner.Default.RunChecked("ld", "-r", "-o", Path.Combine(dir, "linked.o"), path);
        var desc = DescriptorSource.Generate("t1", update);
        Assert.Contains(".name = \"changed\"", desc);
        Assert.Contains(".old_addr = (unsigned long)__ksplice_sym_", desc);
        Assert.Contains(".old_size = (unsigned long)__ksplice_size_0", desc);
        Assert.Contains(".tramp_offset = 5", desc);
    }
}
