using Ksplice.TestSupport;
using Xunit;

namespace Ksplice.Abi.Tests;

/// <summary>Each C# mirror names what its kmod/include list names, in the same order.</summary>
public sealed class ListTests
{
    [Fact]
    public void StagesMatchTheKernelList() =>
        Assert.Equal(KmodHeader.List("ksplice_stages.h", "KSPLICE_STAGES"), StageNames.All);

    [Fact]
    public void SysfsFilesMatchTheKernelList() =>
        Assert.Equal(KmodHeader.List("ksplice_sysfs_files.h", "KSPLICE_SYSFS_FILES"), SysfsFiles.All);

    [Fact]
    public void CoreParametersMatchTheKernelList() =>
        Assert.Equal(KmodHeader.List("ksplice_core_params.h", "KSPLICE_CORE_PARAMS"), CoreParameters.All);

    [Fact]
    public void AttemptLineKeysMatchTheKernelList() =>
        Assert.Equal(KmodHeader.List("ksplice_attempt_line.h", "KSPLICE_ATTEMPT_KEYS"), AttemptLine.Keys);

    [Fact]
    public void TrampolineSizesMatchTheAbiHeader()
    {
        Assert.Equal(Trampoline.Size, KmodHeader.Constant("ksplice_abi.h", "KSPLICE_TRAMP_SIZE"));
        Assert.Equal(Trampoline.FentrySize, KmodHeader.Constant("ksplice_abi.h", "KSPLICE_FENTRY_SIZE"));
        Assert.Equal(0, Trampoline.OffsetFor(startsWithFentry: false));
        Assert.Equal(Trampoline.FentrySize, Trampoline.OffsetFor(startsWithFentry: true));
    }

    [Fact]
    public void HookKindsMatchTheKernelListInOrderWithTheirSections()
    {
        Assert.Equal(KmodHeader.List("ksplice_hook_kinds.h", "KSPLICE_HOOK_KINDS"), HookKinds.All.Select(k => k.Name));
        Assert.Equal(Enum.GetValues<HookKind>(), HookKinds.All.Select(k => k.Kind));
        var header = File.ReadAllText(KmodHeader.Path("ksplice_hook_kinds.h"));
        foreach (var kind in HookKinds.All) Assert.Contains($"X({kind.Name}, \"{kind.Section}\")", header);
    }

    [Fact]
    public void TheAuthorHeaderDefinesAMacroPerHookKindIntoItsSection()
    {
        var header = File.ReadAllText(KmodHeader.Path("ksplice-patch.h"));
        foreach (var kind in HookKinds.All)
        {
            var call = kind.ReturnsInt ? "ksplice_call_int" : "ksplice_call_void";
            Assert.Matches($@"#define ksplice_{kind.Name}\(fn\)\s+{call}\({kind.Name}, fn\)", header);
        }
        Assert.Contains($"__section__(\"{HookKinds.SectionPrefix}\" #name)", header);
    }

    [Fact]
    public void CoreExportsAreWhatTheCoreSourcesExport()
    {
        var core = Path.Combine(RepoPaths.Root, "kmod", "core");
        var exported = Directory.GetFiles(core, "*.c").SelectMany(File.ReadAllLines)
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^EXPORT_SYMBOL_GPL\((\w+)\);"))
            .Where(m => m.Success).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
        Assert.Equal(CoreExports.All.Order(StringComparer.Ordinal), exported);
        var header = File.ReadAllText(KmodHeader.Path("ksplice-patch.h"));
        foreach (var name in CoreExports.Shadow) Assert.Contains($" {name}(", header.Replace("*", " "));
    }
}
