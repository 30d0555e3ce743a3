using System.Diagnostics;
using Ksplice.Match.Memory;
using Ksplice.Match.Symbols;
using Ksplice.Match.Tests.Support;
using Xunit.Abstractions;

namespace Ksplice.Match.Tests;

/// <summary>
/// Pre objects against the code of the booted kernel (the guest's /proc/kcore, captured once): every patch site is in
/// the form the kernel wrote at boot, on the CPU QEMU emulates. Also a module target (kvm) and the timings.
/// </summary>
public sealed class RunningKernelTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("kernel/printk/printk.o")]
    [InlineData("kernel/sys.o")]
    [InlineData("mm/memory.o")]
    [InlineData("kernel/reboot.o")] // tail calls the running kernel holds as rel8 jumps (deferred_cad and others)
    public void EveryFunctionMatchesTheRunningCode(string objectPath)
    {
        var obj = KernelObjects.Read(objectPath);
        var requests = KernelSetup.AllFunctions(obj, objectPath);
        var clock = Stopwatch.StartNew();
        var result = new RunPreMatcher(KernelSetup.Symbols, KernelSetup.Running).Match(new MatchRequest([new PreObject(objectPath, "vmlinux", obj)], requests, []));
        clock.Stop();
        output.WriteLine($"{objectPath}: {result.Functions.Count} of {requests.Count} functions matched the running kernel in {clock.ElapsedMilliseconds} ms");
        foreach (var (form, count) in result.SiteForms.OrderBy(p => p.Key)) output.WriteLine($"  {form}: {count}");
        foreach (var f in result.Failures) output.WriteLine("  " + f.Message);

        KernelAssert.OnlyExplainedFailures(obj, result);
        Assert.True(result.Functions.Count >= requests.Count - 3, $"{result.Functions.Count} of {requests.Count}");
        // Boot-time patching happened and was recognised: ftrace NOPs and return thunks rewritten everywhere.
        Assert.True(result.SiteForms.GetValueOrDefault("fentry:nop5") > requests.Count / 2, "fentry sites were not seen as NOPs");
        Assert.True(result.SiteForms.GetValueOrDefault("return-thunk:ret+int3") > requests.Count / 2, "return sites were not seen as ret + int3");
        Assert.False(result.SiteForms.ContainsKey("fentry:call"), "a fentry call survived boot");
    }

    /// <summary>
    /// kernel/reboot.o's deferred_cad tail-calls kernel_restart: a rel32 with a relocation in the pre object
    /// (-ffunction-sections), the rel8 the assembler chose in the running kernel, built without (both in one .text).
    /// The match learns kernel_restart from the short jump and reports the running size, 3 bytes less.
    /// </summary>
    [Fact]
    public void TailCallTheRunningKernelHoldsAsARel8Matches()
    {
        const string objectPath = "kernel/reboot.o";
        var obj = KernelObjects.Read(objectPath);
        var result = new RunPreMatcher(KernelSetup.Symbols, KernelSetup.Running).Match(new MatchRequest([new PreObject(objectPath, "vmlinux", obj)],
            [new FunctionRequest(objectPath, "deferred_cad")], [new SymbolRequest("__ksplice_sym_0", "kernel_restart", objectPath)]));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        var f = Assert.Single(result.Functions);
        Assert.Equal(Assert.Single(KernelSetup.Symbols.Lookup("deferred_cad", "vmlinux")).Address, f.Address);
        var preSize = (int)obj.FindSymbols("deferred_cad").Single(s => s.Section is not null).Size;
        // 9 bytes run (3 fewer than compiled); the trampoline at +5 needs 10, so the NOP padding that follows joins in.
        Assert.Equal(0xeb, f.RunningBytes[preSize - 3 - 2]);
        Assert.True(f.Size >= 10, $"{f.Size} bytes cannot hold the trampoline");
        Assert.Equal(KernelSetup.Running.TryRead(f.Address, f.Size), f.RunningBytes);
        var kernelRestart = result.Symbol("__ksplice_sym_0")!;
        Assert.Equal(Assert.Single(KernelSetup.Symbols.Lookup("kernel_restart", "vmlinux")).Address, kernelRestart.Value);
        Assert.Equal(SymbolValueSource.Learnt, kernelRestart.Source);
        Assert.StartsWith("deferred_cad+0x", kernelRestart.Place);
        output.WriteLine($"deferred_cad at 0x{f.Address:x}: {preSize} bytes compiled, {f.Size} running ({string.Join(' ', f.RunningBytes.Select(b => b.ToString("x2")))})");
    }

    [Fact]
    public void AlternativesAndParavirtSitesAreSeenInTheirRunningForms()
    {
        const string objectPath = "mm/memory.o";
        var obj = KernelObjects.Read(objectPath);
        var result = new RunPreMatcher(KernelSetup.Symbols, KernelSetup.Running)
            .Match(new MatchRequest([new PreObject(objectPath, "vmlinux", obj)], KernelSetup.AllFunctions(obj, objectPath), []));
        Assert.True(result.SiteForms.GetValueOrDefault("alternative:replacement") > 10, string.Join(", ", result.SiteForms));
        Assert.True(result.SiteForms.GetValueOrDefault("paravirt:call") + result.SiteForms.GetValueOrDefault("paravirt:nops") > 10, string.Join(", ", result.SiteForms));
        Assert.True(result.SiteForms.GetValueOrDefault("static-call:nop5") + result.SiteForms.GetValueOrDefault("static-call:call") > 10, string.Join(", ", result.SiteForms));
    }

    /// <summary>arch/x86/kvm/x86.o against the kvm module loaded in the guest: a module target, candidates only from [kvm].</summary>
    [Fact]
    public void KvmObjectMatchesTheLoadedModule()
    {
        const string objectPath = "arch/x86/kvm/x86.o";
        var obj = KernelObjects.Read(objectPath);
        Assert.True(KernelSetup.Symbols.IsLoaded("kvm"), "kvm is not in the captured kallsyms");
        var requests = KernelSetup.AllFunctions(obj, objectPath, "kvm");
        var clock = Stopwatch.StartNew();
        var result = new RunPreMatcher(KernelSetup.Symbols, KernelSetup.Running).Match(new MatchRequest([new PreObject(objectPath, "kvm", obj)], requests,
            [new SymbolRequest("__ksplice_sym_0", "kvm_vcpu_ioctl_x86_get_vcpu_events", objectPath)]));
        clock.Stop();
        output.WriteLine($"{objectPath}: {result.Functions.Count} of {requests.Count} functions matched module kvm in {clock.ElapsedMilliseconds} ms");
        foreach (var (form, count) in result.SiteForms.OrderBy(p => p.Key)) output.WriteLine($"  {form}: {count}");
        foreach (var f in result.Failures) output.WriteLine("  " + f.Message);

        KernelAssert.OnlyExplainedFailures(obj, result);
        Assert.True(requests.Count > 500, $"only {requests.Count} functions of x86.o are in kallsyms [kvm]");
        Assert.True(result.Functions.Count >= requests.Count - 3, $"{result.Functions.Count} of {requests.Count}");
        Assert.All(result.Functions, f => Assert.True(f.Address >= 0xffffffffc0000000, $"{f.Symbol} at 0x{f.Address:x} is not in the module area"));
    }

    /// <summary>
    /// How long matching takes, per object, on this machine (the figures are reported in the test output). A generous
    /// bound keeps the test honest: TCG runs code 10 to 30 times slower, and matching must stay well under a minute there.
    /// </summary>
    [Theory]
    [InlineData("kernel/printk/printk.o", "vmlinux")]
    [InlineData("mm/memory.o", "vmlinux")]
    [InlineData("arch/x86/kvm/x86.o", "kvm")]
    public void MatchingTime(string objectPath, string target)
    {
        var obj = KernelObjects.Read(objectPath);
        var requests = KernelSetup.AllFunctions(obj, objectPath, target);
        var request = new MatchRequest([new PreObject(objectPath, target, obj)], requests, []);
        var symbols = KernelSetup.Symbols;
        var memory = KernelSetup.Running;
        new RunPreMatcher(symbols, memory).Match(request); // warm up the JIT
        var times = new List<double>();
        MatchResult? result = null;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            result = new RunPreMatcher(symbols, memory).Match(request);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        var bytes = result!.Functions.Sum(f => f.Size);
        output.WriteLine($"{objectPath}: {requests.Count} functions, {bytes} bytes of code, best {times.Min():0} ms, worst {times.Max():0} ms");
        Assert.True(times.Min() < 2000, $"matching {objectPath} took {times.Min():0} ms");

        var parse = Stopwatch.StartNew();
        var reparsed = Kallsyms.Load(GuestCapture.Shared.KallsymsPath);
        output.WriteLine($"kallsyms: {reparsed.Symbols.Count} entries parsed in {parse.ElapsedMilliseconds} ms");
    }
}
