namespace Ksplice.Elf.Model;

/// <summary>Reserved st_shndx values.</summary>
public static class ElfSectionIndex
{
    public const ushort Undefined = 0;
    public const ushort LoReserve = 0xff00;
    public const ushort Absolute = 0xfff1;
    public const ushort Common = 0xfff2;
    public const ushort Extended = 0xffff;
}
