using Ksplice.Elf.Model;

namespace Ksplice.Dwarf;

/// <summary>
/// One attribute value: a number (constants, flags, offsets; references are resolved to .debug_info offsets), a string,
/// or a block (expressions). <see cref="RelocationSymbol"/> is the symbol an address was relocated against, so an
/// object's function DIE can be tied to its ELF symbol (<c>foo.isra.0</c>, not just <c>foo</c>).
/// </summary>
public readonly record struct DwarfValue(DwarfForm Form, ulong Number, string? Text = null, byte[]? Block = null, ElfSymbol? RelocationSymbol = null)
{
    public bool IsReference => Form is DwarfForm.Ref1 or DwarfForm.Ref2 or DwarfForm.Ref4 or DwarfForm.Ref8 or DwarfForm.RefUdata or DwarfForm.RefAddr;

    public long Signed => (long)Number;
}
