using Ksplice.Elf.Model;
using Xunit;

namespace Ksplice.Elf.Tests;

/// <summary>The per-section symbol index: which symbol or function holds an offset.</summary>
public sealed class SymbolIndexTests
{
    private static (ElfObject, ElfSection) Text(params (string Name, ulong Value, ulong Size, ElfSymbolType Type)[] symbols)
    {
        var obj = new ElfObject();
        var text = obj.AddSection(new ElfSection(".text", ElfSectionType.ProgBits) { Flags = ElfSectionFlags.Alloc | ElfSectionFlags.Execute, Data = new byte[0x100] });
        obj.AddSymbol(new ElfSymbol("") { Section = text, Type = ElfSymbolType.Section });
        foreach (var (name, value, size, type) in symbols)
            obj.AddSymbol(new ElfSymbol(name) { Section = text, Value = value, Size = size, Type = type });
        return (obj, text);
    }

    [Fact]
    public void Symbol_at_finds_the_sized_symbol_holding_the_offset()
    {
        var (obj, text) = Text(("a", 0, 0x10, ElfSymbolType.Function), ("b", 0x20, 0x10, ElfSymbolType.Function), ("v", 0x40, 8, ElfSymbolType.Object));
        Assert.Equal("a", obj.SymbolIndex.SymbolAt(text, 0xf)?.Name);
        Assert.Null(obj.SymbolIndex.SymbolAt(text, 0x10));
        Assert.Equal("b", obj.SymbolIndex.SymbolAt(text, 0x20)?.Name);
        Assert.Equal("v", obj.SymbolIndex.SymbolAt(text, 0x47)?.Name);
        Assert.Null(obj.SymbolIndex.SymbolAt(text, 0x48));
        Assert.Equal("b+0x4", obj.Describe(text, 0x24));
        Assert.Equal(".text+0x30", obj.Describe(text, 0x30));
    }

    [Fact]
    public void Function_containing_lets_a_zero_size_label_run_to_the_next_function()
    {
        var (obj, text) = Text(("entry", 0, 0, ElfSymbolType.NoType), ("f", 0x20, 0x10, ElfSymbolType.Function), (".Llocal", 0x40, 0, ElfSymbolType.NoType));
        Assert.Equal("entry", obj.SymbolIndex.FunctionContaining(text, 0x1f)?.Name);
        Assert.Equal("f", obj.SymbolIndex.FunctionContaining(text, 0x2f)?.Name);
        Assert.Equal("entry", obj.SymbolIndex.FunctionContaining(text, 0x30)?.Name);
        Assert.Equal("entry", obj.SymbolIndex.FunctionContaining(text, 0x48)?.Name);
    }

    [Fact]
    public void Index_follows_symbols_added_after_it_was_built()
    {
        var (obj, text) = Text(("a", 0, 0x10, ElfSymbolType.Function));
        Assert.Null(obj.SymbolIndex.SymbolAt(text, 0x30));
        obj.AddSymbol(new ElfSymbol("late") { Section = text, Value = 0x30, Size = 4, Type = ElfSymbolType.Function });
        Assert.Equal("late", obj.SymbolIndex.SymbolAt(text, 0x31)?.Name);
        Assert.Same(obj.Symbols[1], obj.SectionSymbol(text));
    }
}
