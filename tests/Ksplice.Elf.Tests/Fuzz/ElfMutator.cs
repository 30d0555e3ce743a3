using System.Buffers.Binary;
using Ksplice.Elf.Native;

namespace Ksplice.Elf.Tests.Fuzz;

/// <summary>
/// Derives a hostile ELF file from a valid one: byte flips and field overwrites with extreme values, biased toward
/// the ELF header, the section and program header tables, and the symbol, string and relocation tables; truncation.
/// </summary>
public sealed class ElfMutator
{
    private const uint SymbolTable = 2;
    private const uint StringTable = 3;
    private const uint Rela = 4;
    private const uint Group = 17;

    private static readonly ulong[] Extremes =
    [
        0, 1, 2, 7, 8, 0x7f, 0x80, 0xff, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000, 1UL << 40,
        long.MaxValue, 0x8000000000000000, ulong.MaxValue, ulong.MaxValue - 63,
    ];

    public static readonly string[] MutationClasses =
        ["ELF header", "section header table", "program header table", "symbol/string/relocation tables", "anywhere", "truncation"];

    private readonly byte[] _valid;
    private readonly (int Start, int Length) _sectionHeaders;
    private readonly (int Start, int Length) _programHeaders;
    private readonly List<(int Start, int Length)> _tables = [];

    public ElfMutator(byte[] valid)
    {
        _valid = valid;
        var shoff = (int)BinaryPrimitives.ReadUInt64LittleEndian(valid.AsSpan(Elf64Ehdr.ShOff));
        var shnum = BinaryPrimitives.ReadUInt16LittleEndian(valid.AsSpan(Elf64Ehdr.ShNum));
        _sectionHeaders = (shoff, shnum * Elf64Shdr.Size);
        var phoff = (int)BinaryPrimitives.ReadUInt64LittleEndian(valid.AsSpan(Elf64Ehdr.PhOff));
        var phnum = BinaryPrimitives.ReadUInt16LittleEndian(valid.AsSpan(Elf64Ehdr.PhNum));
        _programHeaders = (phoff, phnum * Elf64Phdr.Size);
        for (var i = 0; i < shnum; i++)
        {
            var header = valid.AsSpan(shoff + i * Elf64Shdr.Size);
            var type = BinaryPrimitives.ReadUInt32LittleEndian(header[Elf64Shdr.Type..]);
            var size = (int)BinaryPrimitives.ReadUInt64LittleEndian(header[Elf64Shdr.SectionSize..]);
            if (type is SymbolTable or StringTable or Rela or Group && size > 0)
                _tables.Add(((int)BinaryPrimitives.ReadUInt64LittleEndian(header[Elf64Shdr.Offset..]), size));
        }
    }

    public (string Class, byte[] Data) Mutate(Random random)
    {
        var kind = random.Next(MutationClasses.Length);
        if (kind == 2 && _programHeaders.Length == 0) kind = 1;
        if (kind == 5) return (MutationClasses[kind], _valid[..random.Next(_valid.Length)]);
        var data = (byte[])_valid.Clone();
        var mutations = random.Next(1, 5);
        for (var i = 0; i < mutations; i++)
        {
            var (start, length) = kind switch
            {
                0 => (0, Elf64Ehdr.Size),
                1 => _sectionHeaders,
                2 => _programHeaders,
                3 => _tables[random.Next(_tables.Count)],
                _ => (0, data.Length),
            };
            Overwrite(data, start, length, random);
        }
        return (MutationClasses[kind], data);
    }

    /// <summary>A random byte, or an extreme value over a 1, 2, 4 or 8 byte field at an aligned offset.</summary>
    private static void Overwrite(byte[] data, int start, int length, Random random)
    {
        if (random.Next(2) == 0)
        {
            data[start + random.Next(length)] = (byte)random.Next(256);
            return;
        }
        var width = 1 << random.Next(4);
        if (length < width) return;
        var offset = start + random.Next(length / width) * width;
        var value = random.Next(4) == 0 ? (ulong)random.NextInt64() : Extremes[random.Next(Extremes.Length)];
        if (random.Next(4) == 0) value = (ulong)data.Length - value % 64;
        for (var b = 0; b < width; b++) data[offset + b] = (byte)(value >> (8 * b));
    }
}
