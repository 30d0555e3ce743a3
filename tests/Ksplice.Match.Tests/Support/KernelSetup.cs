using Ksplice.Elf.Sections;
using Ksplice.Elf.Model;
using Ksplice.Match.Memory;
using Ksplice.Match.Symbols;

namespace Ksplice.Match.Tests.Support;

/// <summary>The kernel test inputs, loaded once per test run: kallsyms of the booted guest, the vmlinux file, the running image.</summary>
public static class KernelSetup
{
    private static readonly Lazy<Kallsyms> LazySymbols = new(() => GuestCapture.Shared.LoadSymbols());
    private static readonly Lazy<ElfImageMemory> LazyVmlinux = new(() => ElfImageMemory.Open(KernelImage.VmlinuxPath));
    private static readonly Lazy<ElfImageMemory> LazyRunning = new(() => GuestCapture.Shared.OpenRunning());

    public static Kallsyms Symbols => LazySymbols.Value;
    public static IKernelMemory Vmlinux => LazyVmlinux.Value;
    public static IKernelMemory Running => LazyRunning.Value;

    /// <summary>
    /// Requests for every function of the object that kallsyms names as text in the target, leaving out code the kernel
    /// frees after boot (.init.text, .exit.text).
    /// </summary>
    public static List<FunctionRequest> AllFunctions(ElfObject obj, string objectPath, string target = "vmlinux") =>
        obj.Symbols
            .Where(s => s.IsFunction && s.Section is { IsExecutable: true } section && !SectionClassifier.IsFreedAfterBoot(section))
            .Where(s => Symbols.Lookup(s.Name, target).Any(k => k.IsText))
            .Select(s => new FunctionRequest(objectPath, s.Name, s.Section!.Name))
            .ToList();
}
