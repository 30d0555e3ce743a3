using Ksplice.Abi;
using Ksplice.Diff;
using Ksplice.Elf.IO;
using Ksplice.Elf.Model;
using Ksplice.Source.Process;
using Ksplice.TestSupport;
using Ksplice.Update.Building;
using Ksplice.Update.Generation;
using Xunit;

namespace Ksplice.Update.Tests;

/// <summary>
/// The patch author's hooks (kmod/include/ksplice-patch.h, compiled here as a patch includes it) found in the post
/// object, carried into update.o with a slot symbol each, and listed in desc.c for the core.
/// </summary>
public class HookTests
{
    private static readonly string[] Flags =
        [.. FixtureCache.KernelLikeFlags, "-pg", "-mfentry", "-mrecord-mcount", "-I", Path.Combine(TestPaths.Fixtures, "update", "shim")];

    private static readonly ExportTable Exports = ExportTable.Parse("0x2\t__fentry__\tvmlinux\tEXPORT_SYMBOL\t\n", "test");

    /// <summary>The fixture after the real author header, so a change to the header changes what is compiled.</summary>
    private static ElfObject Compile(string name) =>
        ElfReader.ReadFile(FixtureCache.Compile(
            File.ReadAllText(Path.Combine(RepoPaths.Root, "kmod", "include", "ksplice-patch.h")) + "\n"
            + File.ReadAllText(Path.Combine(TestPaths.Fixtures, "update", name)), Flags));

    private static TargetedDiff Diff(string post) =>
        new(ObjectDiffer.Compare("hooks.o", Compile("hooks-pre.c"), Compile(post)), "vmlinux");

    [Fact]
    public void Each_hook_is_collected_with_its_kind_and_function_and_gets_a_slot_in_the_update()
    {
        var update = UpdateObjectBuilder.Build([Diff("hooks-post.c")], Exports);
        Assert.Equal(
            new[] { (HookKind.Apply, "double_state"), (HookKind.Reverse, "halve_state"), (HookKind.CheckApply, "refuse_negative") },
            update.Hooks.Select(h => (h.Kind, h.Function)).OrderBy(h => h.Function, StringComparer.Ordinal));
        foreach (var hook in update.Hooks)
        {
            var slot = update.Object.Symbols.Single(s => s.Name == hook.SlotSymbol);
            Assert.Equal(ElfSymbolBinding.Global, slot.Binding);
            Assert.Equal(HookKinds.All[(int)hook.Kind].Section, slot.Section!.Name);
            var pointer = slot.Section.Relocations.Single(r => r.Offset == slot.Value);
            Assert.Equal(X86RelocationType.Abs64, pointer.Type);
            Assert.True(pointer.Symbol.Section!.IsExecutable, $"{hook.SlotSymbol} points at code carried in the update");
        }
        Assert.Single(update.Patches);
    }

    [Fact]
    public void The_descriptor_lists_every_hook_by_kind_and_slot_and_the_update_object_links()
    {
        var update = UpdateObjectBuilder.Build([Diff("hooks-post.c")], Exports);
        var desc = DescriptorSource.Generate("h1", update);
        foreach (var hook in update.Hooks)
        {
            Assert.Contains($"extern void *const {hook.SlotSymbol};", desc);
            Assert.Contains($"{{ .kind = {(int)hook.Kind} /* {HookKinds.All[(int)hook.Kind].Name}: {hook.Function} */, .slot = &{hook.SlotSymbol} }},", desc);
        }
        Assert.Contains(".nhooks = ARRAY_SIZE(ksplice_hooks),", desc);
        var dir = Directory.CreateTempSubdirectory("ksplice-hooks-").FullName;
        var path = Path.Combine(dir, "update.o");
        ElfWriter.WriteFile(update.Object, path);
        ProcessRunner.Default.RunChecked("ld", "-r", "-o", Path.Combine(dir, "linked.o"), path);
    }

    [Fact]
    public void An_update_without_hooks_says_so_in_its_descriptor()
    {
        var update = UpdateObjectBuilder.Build([Diff("hooks-pre.c")], Exports);
        Assert.Empty(update.Hooks);
        Assert.Contains(".hooks = NULL,\n\t.nhooks = 0,", DescriptorSource.Generate("h0", update).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_hook_on_a_function_the_patch_does_not_add_or_change_is_refused_by_name()
    {
        var e = Assert.Throws<UpdateBuildException>(() => UpdateObjectBuilder.Build([Diff("hooks-existing-post.c")], Exports));
        Assert.Contains("the post_apply hook existing is not a function the patch adds or changes", e.Message);
    }

    [Fact]
    public void A_hook_section_of_an_unknown_kind_is_refused_naming_the_section_and_the_known_macros()
    {
        var e = Assert.Throws<UpdateBuildException>(() => UpdateObjectBuilder.Build([Diff("hooks-unknown-post.c")], Exports));
        Assert.Contains(".ksplice_call_later is not a ksplice hook", e.Message);
        Assert.Contains("ksplice_check_apply", e.Message);
    }
}
