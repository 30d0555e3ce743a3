using Ksplice.Elf.Model;
using Xunit;

namespace Ksplice.Elf.Tests;

/// <summary>Asserts two objects describe the same sections, symbols and relocations (by name, not by index).</summary>
internal static class ElfModelComparer
{
    public static void AssertSameContent(ElfObject expected, ElfObject actual)
    {
        var e = expected.Sections.Skip(1).ToList();
        var a = actual.Sections.Skip(1).ToList();
        Assert.Equal(e.Select(s => s.Name), a.Select(s => s.Name));
        for (var i = 0; i < e.Count; i++)
        {
            var (x, y) = (e[i], a[i]);
            Assert.True(x.Type == y.Type, $"{x.Name}: type {x.Type} != {y.Type}");
            Assert.True(x.Flags == y.Flags, $"{x.Name}: flags {x.Flags} != {y.Flags}");
            if (!x.IsGenerated) Assert.True(x.Size == y.Size, $"{x.Name}: size {x.Size} != {y.Size}");
            Assert.True(x.Alignment == y.Alignment, $"{x.Name}: alignment {x.Alignment} != {y.Alignment}");
            if (!x.IsGenerated)
                Assert.True(x.Data.AsSpan().SequenceEqual(y.Data), $"{x.Name}: contents differ");
            Assert.Equal(x.Relocations.Select(Describe), y.Relocations.Select(Describe));
            Assert.Equal(x.GroupMembers.Select(m => m.Name), y.GroupMembers.Select(m => m.Name));
            Assert.Equal(x.LinkedSection?.Name, y.LinkedSection?.Name);
        }
        Assert.Equal(expected.Symbols.Select(Describe), actual.Symbols.Select(Describe));
    }

    private static string Describe(ElfRelocation r) => $"{r.Offset:x} {r.Type} {Describe(r.Symbol)} {r.Addend}";

    private static string Describe(ElfSymbol s) =>
        $"{s.Name}|{s.Value:x}|{s.Size}|{s.Binding}|{s.Type}|{s.Visibility}|{s.Section?.Name ?? "special:" + s.SpecialIndex}";
}
