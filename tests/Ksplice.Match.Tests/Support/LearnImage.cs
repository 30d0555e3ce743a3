using Ksplice.Elf.IO;
using Ksplice.Elf.Model;

namespace Ksplice.Match.Tests.Support;

/// <summary>
/// learn.c and copy.c (the same statics in two translation units) linked into one image with chosen values for the
/// externals; a fresh image per test, so tests can rewrite its bytes.
/// </summary>
public sealed class LearnImage
{
    public static readonly IReadOnlyDictionary<string, ulong> Externals = new Dictionary<string, ulong>
    {
        ["__fentry__"] = 0xffffffff81e00000,
        ["ext_func"] = 0xffffffff81e10000,
        ["ext_printf"] = 0xffffffff81e20000,
        ["ext_var"] = 0xffffffff82e30000,
    };

    private static readonly Lazy<string> LearnPath = new(() => Support.FixturePath("learn.c"));
    private static readonly Lazy<string> CopyPath = new(() => Support.FixturePath("copy.c"));

    public LearnImage()
    {
        Learn = Read(LearnPath.Value, "learn.c");
        Copy = Read(CopyPath.Value, "copy.c");
        Image = TinyLinker.Link([(Learn, null), (Copy, null)], Externals);
    }

    public ElfObject Learn { get; }
    public ElfObject Copy { get; }
    public LinkedImage Image { get; }

    public PreObject LearnPre => new("lib/learn.o", "vmlinux", Learn);
    public PreObject CopyPre => new("lib/copy.o", "vmlinux", Copy);

    public ulong Address(string name) => Image.AddressOf(Learn, name);

    public MatchResult Match(IEnumerable<string> functions, IEnumerable<(string Placeholder, string Name)>? symbols = null, MatchOptions? options = null) =>
        new RunPreMatcher(Image.SymbolSource, Image.Memory, options).Match(new MatchRequest(
            [LearnPre, CopyPre],
            functions.Select(f => new FunctionRequest("lib/learn.o", f)).ToList(),
            (symbols ?? []).Select(s => new SymbolRequest(s.Placeholder, s.Name, "lib/learn.o")).ToList()));

    /// <summary>The running address of a relocated field in a function of learn.c, found by the relocation's symbol.</summary>
    public (ulong Address, ElfRelocation Relocation) Field(string function, string symbolOrSection)
    {
        var section = Learn.FindSection(".text." + function)!;
        var r = section.Relocations.First(x => x.Symbol.Name == symbolOrSection || (x.Symbol.IsSection && x.Symbol.Section?.Name == symbolOrSection));
        return (Image.SectionAddress(Learn, section) + r.Offset, r);
    }

    private static ElfObject Read(string path, string origin)
    {
        var obj = ElfReader.ReadFile(path);
        obj.Origin = origin;
        return obj;
    }

    private static class Support
    {
        public static string FixturePath(string name) => Ksplice.TestSupport.FixtureCache.Compile(TestFixtures.Source(name), TestFixtures.Flags);
    }
}
