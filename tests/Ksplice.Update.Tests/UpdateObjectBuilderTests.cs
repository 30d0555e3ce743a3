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
