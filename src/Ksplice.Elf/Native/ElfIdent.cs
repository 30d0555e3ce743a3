namespace Ksplice.Elf.Native;

/// <summary>Values of e_ident and e_machine that this library reads and writes.</summary>
public static class ElfIdent
{
    public const byte Class64 = 2;
    public const byte LittleEndian = 1;
    public const byte CurrentVersion = 1;
    public const ushort MachineX86_64 = 62;
}
