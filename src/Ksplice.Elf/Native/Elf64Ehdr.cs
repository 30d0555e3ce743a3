namespace Ksplice.Elf.Native;

/// <summary>Layout of the ELF64 file header (Elf64_Ehdr): its size and the offset of each field.</summary>
public static class Elf64Ehdr
{
    public const int Size = 64;
    public const int Class = 4;
    public const int Data = 5;
    public const int IdentVersion = 6;
    public const int OsAbi = 7;
    public const int Type = 16;
    public const int Machine = 18;
    public const int Version = 20;
    public const int Entry = 24;
    public const int PhOff = 32;
    public const int ShOff = 40;
    public const int Flags = 48;
    public const int EhSize = 52;
    public const int PhEntSize = 54;
    public const int PhNum = 56;
    public const int ShEntSize = 58;
    public const int ShNum = 60;
    public const int ShStrNdx = 62;
}
