using Ksplice.Elf.Model;
using Ksplice.Elf.Arch;
using Ksplice.Elf.Arch.X86;

namespace Ksplice.Match.Tests.Support;

/// <summary>
/// relax.c built twice: the pre object with -ffunction-sections, and the "running" build without (as Debian builds
/// the kernel), linked at the kernel's text address with chosen externals, so its jumps between the fixture's functions
/// are the rel8 forms the assembler chose. Both use the kernel's -falign-jumps=1 -falign-loops=1 (arch/x86/Makefile):
/// no alignment padding inside functions. A fresh image per test, so tests can rewrite its bytes.
/// </summary>
public sealed class RelaxImage
{
    public const string ObjectPath = "lib/relax.o";

    public static readonly IReadOnlyDictionary<string, ulong> Externals = new Dictionary<string, ulong>
    {
        ["__fentry__"] = 0xffffffff81e00000,
        ["ext_func"] = 0xffffffff81e10000,
        ["ext_var"] = 0xffffffff82e30000,
    };

    private static readonly string[] KernelAlignment = ["-falign-jumps=1", "-falign-loops=1"];
    private static readonly Lazy<ElfObject> LazyPre = new(() => TestFixtures.Object("relax.c", KernelAlignment));
    private static readonly Lazy<ElfObject> LazyRunning = new(() => TestFixtures.ObjectWithoutSections("relax.c", KernelAlignment));

    public RelaxImage() => Image = TinyLinker.Link([(Running, null)], Externals);

    /// <summary>The pre object: every function in its own section.</summary>
    public ElfObject Pre => LazyPre.Value;

    /// <summary>The running build: one .text.</summary>
    public ElfObject Running => LazyRunning.Value;

    public LinkedImage Image { get; }

    public PreObject PreObject => new(ObjectPath, "vmlinux", Pre);

    public ulong Address(string function) => Image.AddressOf(Running, function);

    public int PreSize(string function) => (int)Pre.FindSymbols(function).Single(s => s.Section is not null).Size;

    /// <summary>The running function's size, as the build without -ffunction-sections recorded it.</summary>
    public int RunningSize(string function) => (int)Running.FindSymbols(function).Single(s => s.Section is not null).Size;

    /// <summary>
    /// The instructions of a function, pre (offsets from the function's start) beside running (targets absolute): the
    /// same instructions, of which only jumps may differ in length.
    /// </summary>
    public IReadOnlyList<(Insn Pre, Insn Running)> Instructions(string function)
    {
        var symbol = Pre.FindSymbols(function).Single(s => s.Section is not null);
        var pre = new InsnDecoder(symbol.Section!.Data, (int)symbol.Value, PreSize(function), 0).DecodeAll();
        var running = InsnDecoder.DecodeAll(Image.Memory.Read(Address(function), RunningSize(function)), Address(function));
        Assert.Equal(pre.Count, running.Count);
        return pre.Zip(running).ToList();
    }

    /// <summary>The relocation of the pre object on a field of <paramref name="insn"/> of <paramref name="function"/>, if any.</summary>
    public ElfRelocation? Relocation(string function, Insn insn)
    {
        var section = Pre.FindSymbols(function).Single(s => s.Section is not null).Section!;
        return section.Relocations.FirstOrDefault(r => (int)r.Offset >= insn.Offset && (int)r.Offset < insn.End);
    }

    public MatchResult Match(IEnumerable<string> functions, IEnumerable<(string Placeholder, string Name)>? symbols = null) =>
        new RunPreMatcher(Image.SymbolSource, Image.Memory).Match(new MatchRequest(
            [PreObject],
            functions.Select(f => new FunctionRequest(ObjectPath, f)).ToList(),
            (symbols ?? []).Select(s => new SymbolRequest(s.Placeholder, s.Name, ObjectPath)).ToList()));
}
