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
}
