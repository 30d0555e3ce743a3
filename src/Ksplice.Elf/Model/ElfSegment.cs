namespace Ksplice.Elf.Model;

/// <summary>A program header of an executable or core file.</summary>
public sealed record ElfSegment(
    ElfSegmentType Type, uint Flags, ulong FileOffset, ulong VirtualAddress, ulong PhysicalAddress,
    ulong FileSize, ulong MemorySize, ulong Alignment)
{
    public bool ContainsAddress(ulong address) =>
        address >= VirtualAddress && address - VirtualAddress < MemorySize;
}
