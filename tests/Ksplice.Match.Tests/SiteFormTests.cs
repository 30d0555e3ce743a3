using Ksplice.Elf.Model;
using Ksplice.Elf.Special;
using Ksplice.Match.Tests.Support;

namespace Ksplice.Match.Tests;

/// <summary>
/// Every legal running form of every kind of patch site is accepted, and forms the kernel never writes are refused:
/// the cases of Data/site-forms.txt, each written over the linked bytes of a hand-written fixture function.
/// </summary>
public sealed class SiteFormTests
{
    private const string File = "site-forms.txt";

    private static readonly Dictionary<string, ulong> Externals = new()
    {
        ["__fentry__"] = 0xffffffff81e00000,
        ["__x86_return_thunk"] = 0xffffffff81e01000,
        ["__x86_indirect_thunk_r11"] = 0xffffffff81e02000,
        ["__x86_indirect_thunk_rax"] = 0xffffffff81e02100,
        ["old_impl"] = 0xffffffff81e03000,
        ["__SCT__example"] = 0xffffffff81e04000,
        ["pv_ops"] = 0xffffffff82e00000,
        ["__SCK__example"] = 0xffffffff82e01000,
        ["ftrace_regs_caller"] = 0xffffffff81f00000,
        ["srso_return_thunk"] = 0xffffffff81e01800,
        ["__x86_indirect_its_thunk_r11"] = 0xffffffff81e02800,
        ["native_op"] = 0xffffffff81e05000,
        ["example_impl"] = 0xffffffff81e07000,
    };

    /// <summary>Kernel data the rules read: the pv_ops slots the paravirt sites call through, the static call's function.</summary>
    private static readonly (string Symbol, int Offset, string Value)[] Pointers =
    [
        ("pv_ops", 8, "native_op"),
        ("pv_ops", 16, "native_op"),
        ("__SCK__example", 0, "example_impl"),
    ];

    private static readonly Lazy<ElfObject> Sites = new(() => TestFixtures.Object("sites.c"));

    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        foreach (var c in SiteFormCase.Read(File)) data.Add(c.Line);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SiteForm(int line)
    {
        var c = SiteFormCase.Read(File).Single(x => x.Line == line);
        var obj = Sites.Value;
        var image = TinyLinker.Link([(obj, null)], Externals);
        var function = image.AddressOf(obj, c.Function);
        var site = function + (ulong)c.Offset;
        var bytes = c.Assemble(function, site, name => Externals.TryGetValue(name, out var v) ? v : image.AddressOf(obj, name));
        if (bytes is not null) image.Memory.Write(site, bytes);
        foreach (var (symbol, offset, value) in Pointers)
            image.Memory.Map(Externals[symbol] + (ulong)offset, BitConverter.GetBytes(Externals[value]));

        var pre = new PreObject("sites.o", "vmlinux", obj);
        var request = new MatchRequest([pre], [new FunctionRequest("sites.o", "new_impl"), new FunctionRequest("sites.o", c.Function)], []);
        var result = new RunPreMatcher(image.SymbolSource, image.Memory).Match(request);

        if (c.ExpectsMatch)
        {
            Assert.True(result.Succeeded, $"{c}: {string.Join("; ", result.Failures.Select(f => f.Message))}");
            Assert.True(result.SiteForms.ContainsKey(c.Expect), $"{c}: forms seen: {string.Join(", ", result.SiteForms.Keys)}");
            Assert.Equal(function, result.Function("sites.o", c.Function)!.Address);
        }
        else
        {
            var failure = Assert.Single(result.Failures);
            Assert.True(failure.Reason == MatchFailureReason.IllegalSiteForm, $"{c}: {failure.Message}");
            Assert.Equal(MatchFailureKind.NoMatch, failure.Kind);
            Assert.Equal($"{c.Function}+0x{c.Offset:x}", failure.Place);
            Assert.Equal(c.Offset, failure.Offset);
            Assert.Equal(Hex(bytes!), failure.Running);
            Assert.Contains(" site holds none of its legal forms", failure.Message);
        }
    }

    /// <summary>Every kind of the special-section table that patches code has a rule, and every rule is exercised by the data.</summary>
    [Fact]
    public void EveryPatchingKindHasARuleAndCases()
    {
        var kinds = SpecialSections.All.Select(k => k.Patch).Where(p => p != SitePatchKind.None).Distinct().ToList();
        Assert.Equal(kinds.OrderBy(k => k), PatchSiteRules.Kinds.OrderBy(k => k));
        var cases = SiteFormCase.Read(File).ToList();
        foreach (var kind in kinds)
        {
            var name = PatchSiteRules.Describe(kind);
            var forms = cases.Where(c => c.Expect.StartsWith(name + ":", StringComparison.Ordinal)).Select(c => c.Expect[(name.Length + 1)..]).ToHashSet();
            foreach (var form in PatchSiteRules.Forms(kind))
                Assert.True(forms.Contains(form), $"{File} has no case for the {name} form {form}");
        }
        Assert.Contains(cases, c => !c.ExpectsMatch);
    }

    [Fact]
    public void SiteWithoutALengthIsADiagnosticAndPlainCode()
    {
        var obj = Sites.Value;
        var image = TinyLinker.Link([(obj, null)], Externals);
        var request = new MatchRequest([new PreObject("sites.o", "vmlinux", obj)], [new FunctionRequest("sites.o", "empty_alternative_site")], []);

        var result = new RunPreMatcher(image.SymbolSource, image.Memory).Match(request);
        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Contains(result.Diagnostics, d => d.StartsWith("sites.o: .altinstructions entry ", StringComparison.Ordinal) && d.Contains("empty_alternative_site"));
        Assert.Empty(result.SiteForms);

        image.Memory.Write(image.AddressOf(obj, "empty_alternative_site"), [0xb8, 0x07]);
        Assert.Equal(MatchFailureReason.BytesDiffer, Assert.Single(new RunPreMatcher(image.SymbolSource, image.Memory).Match(request).Failures).Reason);
    }

    private static string Hex(byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("x2")));
}
