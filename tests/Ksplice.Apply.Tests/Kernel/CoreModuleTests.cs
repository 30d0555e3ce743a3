using Ksplice.Apply.Kernel;
using Ksplice.Match.Symbols;
using Xunit;

namespace Ksplice.Apply.Tests.Kernel;

public sealed class CoreModuleTests
{
    [Fact]
    public void ParametersAreTheKernelsAddresses() =>
        Assert.Equal("text_mutex=0xffffffff82a5b5a0 stop_machine_cpuslocked=0xffffffff81183f10 idle_task=0xffffffff810e3ad0 " +
            "jump_label_text_reserved=0xffffffff81234560 static_call_text_reserved=0xffffffff81234f00",
            CoreModule.Parameters(Kallsyms.Parse(
                "ffffffff810e3ad0 T idle_task\nffffffff81183f10 T stop_machine_cpuslocked\nffffffff82a5b5a0 D text_mutex\n" +
                "ffffffff81234560 T jump_label_text_reserved\nffffffff81234f00 T static_call_text_reserved\n")));

    [Fact]
    public void MissingHelperIsNamed()
    {
        var kallsyms = Kallsyms.Parse("ffffffff810e3ad0 T idle_task\nffffffff82a5b5a0 D text_mutex\n");
        var e = Assert.Throws<KallsymsException>(() => CoreModule.Parameters(kallsyms));
        Assert.Contains("stop_machine_cpuslocked is not in vmlinux", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HiddenAddressesAreRefusedBeforeLoading() =>
        Assert.Contains("kptr_restrict", Assert.Throws<KallsymsException>(() => CoreModule.Parameters(Kallsyms.Parse(
            "0000000000000000 T idle_task\n0000000000000000 T stop_machine_cpuslocked\n0000000000000000 D text_mutex\n"))).Message,
            StringComparison.Ordinal);

    [Fact]
    public void ModuleSymbolsDoNotCount()
    {
        var kallsyms = Kallsyms.Parse(
            "ffffffff810e3ad0 T idle_task\nffffffffc0000000 t text_mutex\t[evil]\nffffffff81183f10 T stop_machine_cpuslocked\n");
        Assert.Contains("text_mutex is not in vmlinux", Assert.Throws<KallsymsException>(() => CoreModule.Parameters(kallsyms)).Message,
            StringComparison.Ordinal);
    }
}
