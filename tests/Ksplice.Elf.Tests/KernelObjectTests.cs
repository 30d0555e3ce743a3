using Ksplice.Elf.IO;
using Ksplice.Elf.Model;
using Ksplice.Elf.Special;
using Xunit;

namespace Ksplice.Elf.Tests;

/// <summary>The ELF library on real kernel objects: Debian's own modules (relocatable ELF built by kbuild).</summary>
public class KernelObjectTests
{
    public static TheoryData<string> Modules => new() { "fs/xfs/xfs.ko", "fs/fat/fat.ko", "net/ipv4/netfilter/iptable_filter.ko" };

    [Theory]
    [MemberData(nameof(Modules))]
    public void Kernel_module_round_trips_through_the_model(string module)
    {
        var path = InstalledKernel.Module(module);
        var original = ElfReader.ReadFile(path);
        Assert.Equal(ElfFileType.Relocatable, original.FileType);
        var bytes = ElfWriter.Write(ElfReader.ReadFile(path));
        ElfModelComparer.AssertSameContent(original, ElfReader.Read(bytes, "rewritten"));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Rewritten_kernel_module_satisfies_readelf_and_links_identically(string module)
    {
        var path = Tools.TempFile(Path.GetFileName(module));
        File.Copy(InstalledKernel.Module(module), path);
        var rewritten = Tools.TempFile(Path.GetFileName(module));
        ElfWriter.WriteFile(ElfReader.ReadFile(path), rewritten);
        Tools.RunClean("readelf", "-W", "-S", "-s", "-r", "-g", rewritten);
        var la = Tools.TempFile("a.o");
        var lb = Tools.TempFile("b.o");
        Tools.RunClean("ld", "-r", "-o", la, path);
        Tools.RunClean("ld", "-r", "-o", lb, rewritten);
        Assert.Equal(File.ReadAllBytes(la), File.ReadAllBytes(lb));
    }

    private static readonly string[] SpecialSectionModules = ["fs/xfs/xfs.ko", "arch/x86/kvm/kvm.ko", "net/bridge/bridge.ko"];

    public static TheoryData<string> ModulesWithSpecialSections => new(SpecialSectionModules);

    [Theory]
    [MemberData(nameof(ModulesWithSpecialSections))]
    public void Every_special_section_of_a_module_splits_into_entries_whose_sites_are_code(string module)
    {
        var obj = ElfReader.ReadFile(InstalledKernel.Module(module));
        var diagnostics = new List<ElfDiagnostic>();
        foreach (var section in obj.Sections.Where(s => SpecialSections.Find(s.Name) is not null))
        {
            var entries = SpecialSectionReader.Read(obj, section, diagnostics);
            Assert.NotEmpty(entries);
            foreach (var entry in entries.Where(e => e.Kind.Site is not null))
            {
                var site = entry.Site;
                Assert.True(site is not null, $"{section.Name}[{entry.Index}] has no site relocation");
                Assert.True(site.TargetSection is { IsExecutable: true }, $"{section.Name}[{entry.Index}] site is in {site.TargetSection?.Name ?? site.Relocation.Symbol.Name}");
                // ORC also has an entry at the very end of a section (where "no unwind info" starts).
                var end = section.Name == ".orc_unwind_ip" ? site.TargetSection!.Size + 1 : site.TargetSection!.Size;
                Assert.True(site.TargetOffset < end, $"{section.Name}[{entry.Index}] site 0x{site.TargetOffset:x} beyond {site.TargetSection.Name}");
            }
        }
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void The_sample_modules_exercise_every_row_of_the_table_this_config_emits()
    {
        var seen = SpecialSectionModules.SelectMany(m => ElfReader.ReadFile(InstalledKernel.Module(m)).Sections)
            .Select(s => s.Name).Where(n => SpecialSections.Find(n) is not null).ToHashSet();
        // .printk_index needs CONFIG_PRINTK_INDEX, which Debian leaves off.
        foreach (var kind in SpecialSections.All.Where(k => k.Name != ".printk_index"))
            Assert.Contains(kind.Name, seen);
    }

    [Fact]
    public void Mcount_sites_point_at_calls_to_fentry()
    {
        var obj = ElfReader.ReadFile(InstalledKernel.Module("fs/fat/fat.ko"));
        var mcount = obj.FindSection("__mcount_loc")!;
        var entries = SpecialSectionReader.Read(obj, mcount);
        Assert.NotEmpty(entries);
        foreach (var e in entries)
        {
            var text = e.Site!.TargetSection!;
            var at = (int)e.Site.TargetOffset;
            Assert.Equal(0xe8, text.Data[at]);
            var call = text.Relocations.Single(r => r.Offset == (ulong)at + 1);
            Assert.Equal("__fentry__", call.Symbol.Name);
        }
    }
}
