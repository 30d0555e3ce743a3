namespace Ksplice.Dwarf.Internal;

/// <summary>One .debug_abbrev declaration: the tag, whether entries have children, and the attribute list.</summary>
internal sealed record Abbreviation(ulong Code, DwarfTag Tag, bool HasChildren, AttributeSpec[] Attributes)
{
    public static Dictionary<ulong, Abbreviation> ReadTable(byte[] data, ulong offset)
    {
        var table = new Dictionary<ulong, Abbreviation>();
        var c = new ByteCursor(data, ".debug_abbrev", checked((int)offset));
        while (true)
        {
            var code = c.Uleb();
            if (code == 0) return table;
            var tag = (DwarfTag)c.Uleb();
            var children = c.U8() != 0;
            var specs = new List<AttributeSpec>();
            while (true)
            {
                var name = c.Uleb();
                var form = c.Uleb();
                if (name == 0 && form == 0) break;
                var implicitConst = form == (ulong)DwarfForm.ImplicitConst ? c.Sleb() : 0;
                specs.Add(new AttributeSpec((DwarfAttribute)name, (DwarfForm)form, implicitConst));
            }
            table[code] = new Abbreviation(code, tag, children, [.. specs]);
        }
    }
}
