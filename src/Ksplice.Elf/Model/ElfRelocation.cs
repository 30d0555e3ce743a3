namespace Ksplice.Elf.Model;

/// <summary>One RELA entry: at <see cref="Offset"/> in its section, put <see cref="Type"/>(Symbol, Addend).</summary>
public sealed record ElfRelocation(ulong Offset, X86RelocationType Type, ElfSymbol Symbol, long Addend)
{
    /// <summary>Width in bytes of the relocated field.</summary>
    public int Width => RelocationInfo.Width(Type);

    /// <summary>True when the value is relative to the place it is written (PC32, PLT32, PC64...).</summary>
    public bool IsPcRelative => RelocationInfo.IsPcRelative(Type);

    public override string ToString() => $"{Offset:x}: {Type} {Symbol}{(Addend < 0 ? "-" : "+")}0x{Math.Abs(Addend):x}";
}
