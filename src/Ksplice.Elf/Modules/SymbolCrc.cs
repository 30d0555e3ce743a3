namespace Ksplice.Elf.Modules;

/// <summary>A symbol's modversions CRC: what a module was built against (<c>__versions</c>) or what it exports (<c>__kcrctab*</c>).</summary>
public sealed record SymbolCrc(string Name, uint Crc)
{
    public override string ToString() => $"{Name} 0x{Crc:x8}";
}
