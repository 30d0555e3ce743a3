using System.Buffers.Binary;
using System.Text;

namespace Ksplice.Dwarf.Internal;

/// <summary>Reads little-endian fields, LEB128 numbers and NUL-terminated strings from a section.</summary>
internal sealed class ByteCursor(byte[] data, string section, int position = 0)
{
    public byte[] Data { get; } = data;
    public int Position { get; set; } = position;
    public bool AtEnd => Position >= Data.Length;

    public byte U8() => Need(1)[0];
    public ushort U16() => BinaryPrimitives.ReadUInt16LittleEndian(Need(2));
    public uint U24() { var s = Need(3); return (uint)(s[0] | s[1] << 8 | s[2] << 16); }
    public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Need(4));
    public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Need(8));
    public ulong Offset(bool dwarf64) => dwarf64 ? U64() : U32();

    public byte[] Bytes(int count) => Need(count).ToArray();

    public ulong Uleb()
    {
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = U8();
            if (shift < 64) result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return result;
        }
    }

    public long Sleb()
    {
        long result = 0;
        var shift = 0;
        byte b;
        do
        {
            b = U8();
            if (shift < 64) result |= (long)(b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
        return result;
    }

    public string CString()
    {
        var end = Array.IndexOf(Data, (byte)0, Position);
        if (end < 0) throw new DwarfFormatException($"{section}: unterminated string at 0x{Position:x}");
        var s = Encoding.UTF8.GetString(Data, Position, end - Position);
        Position = end + 1;
        return s;
    }

    public static string StringAt(byte[]? data, ulong offset, string section)
    {
        if (data is null || offset >= (ulong)data.Length) throw new DwarfFormatException($"{section}: string offset 0x{offset:x} is outside the section");
        return new ByteCursor(data, section, (int)offset).CString();
    }

    private ReadOnlySpan<byte> Need(int count)
    {
        if (Position < 0 || Position + count > Data.Length)
            throw new DwarfFormatException($"{section}: {count} bytes at 0x{Position:x} run past the end (0x{Data.Length:x})");
        var s = Data.AsSpan(Position, count);
        Position += count;
        return s;
    }
}
