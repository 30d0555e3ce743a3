using Ksplice.Elf.Model;
using Ksplice.Match.Symbols;

namespace Ksplice.Match.Tests.Support;

/// <summary>
/// Lays relocatable objects out the way a kernel link would (code from 0xffffffff81000000, data from
/// 0xffffffff82000000, each section at its alignment), applies every relocation with the chosen values of undefined
/// symbols, and lists FUNC and OBJECT symbols as kallsyms would. Strings are not merged: a test moves them itself.
/// </summary>
public static class TinyLinker
{
    public const ulong TextBase = 0xffffffff81000000;
    public const ulong DataBase = 0xffffffff82000000;

    public static LinkedImage Link(IReadOnlyList<(ElfObject Object, string? Module)> objects, IReadOnlyDictionary<string, ulong> externals,
        ulong textBase = TextBase, ulong dataBase = DataBase)
    {
        var image = new LinkedImage();
        var next = new[] { textBase, dataBase };
        var data = new Dictionary<(ElfObject, ElfSection), byte[]>();
        foreach (var (obj, _) in objects)
        {
            foreach (var section in obj.Sections)
            {
                if (!section.IsAlloc || section.Size == 0) continue;
                var area = section.IsExecutable ? 0 : 1;
                var align = Math.Max(1UL, section.Alignment);
                var address = (next[area] + align - 1) / align * align;
                next[area] = address + section.Size + 16;
                image.Sections[(obj, section)] = address;
                data[(obj, section)] = section.Type == ElfSectionType.NoBits ? new byte[section.Size] : (byte[])section.Data.Clone();
            }
        }
        foreach (var (obj, _) in objects)
        {
            foreach (var section in obj.Sections)
            {
                if (!image.Sections.TryGetValue((obj, section), out var address)) continue;
                var bytes = data[(obj, section)];
                foreach (var r in section.Relocations)
                {
                    if (r.Type == X86RelocationType.None) continue;
                    var s = Value(image, obj, r.Symbol, externals);
                    var field = RelocationInfo.FieldFromSymbolValue(r.Type, s, r.Addend, address + r.Offset);
                    RelocationInfo.WriteField(bytes, (int)r.Offset, r.Type, field);
                }
            }
        }
        foreach (var ((obj, section), bytes) in data) image.Memory.Map(image.Sections[(obj, section)], bytes);
        foreach (var (obj, module) in objects)
        {
            foreach (var symbol in obj.Symbols)
            {
                if (symbol.Section is null || symbol.Name.Length == 0 || symbol.IsSection) continue;
                if (symbol.Type is not (ElfSymbolType.Function or ElfSymbolType.Object)) continue;
                if (!image.Sections.TryGetValue((obj, symbol.Section), out var at)) continue;
                var type = symbol.Type == ElfSymbolType.Function ? 't' : symbol.Section.Type == ElfSectionType.NoBits ? 'b' : 'd';
                if (!symbol.IsLocal) type = char.ToUpperInvariant(type);
                image.Symbols.Add(new KernelSymbol(symbol.Name, at + symbol.Value, type, module));
            }
        }
        foreach (var (name, value) in externals) image.Symbols.Add(new KernelSymbol(name, value, 'T', null));
        return image;
    }

    private static ulong Value(LinkedImage image, ElfObject obj, ElfSymbol symbol, IReadOnlyDictionary<string, ulong> externals)
    {
        if (symbol.Section is { } section)
            return image.Sections.TryGetValue((obj, section), out var a)
                ? a + symbol.Value
                : throw new InvalidOperationException($"{obj.Origin}: {symbol} is in {section.Name}, which is not allocated");
        if (symbol.IsAbsolute) return symbol.Value;
        return externals.TryGetValue(symbol.Name, out var v)
            ? v
            : throw new InvalidOperationException($"{obj.Origin}: no value given for the undefined symbol {symbol.Name}");
    }
}
