namespace Ksplice.Elf.Model;

/// <summary>Field width, PC-relativity and sign of each x86-64 relocation type we handle.</summary>
public static class RelocationInfo
{
    public static int Width(X86RelocationType type) => type switch
    {
        X86RelocationType.Abs64 or X86RelocationType.Pc64 => 8,
        X86RelocationType.Pc32 or X86RelocationType.Plt32 or X86RelocationType.Abs32 or X86RelocationType.Abs32S
            or X86RelocationType.GotPcRel or X86RelocationType.GotPcRelX or X86RelocationType.RexGotPcRelX => 4,
        X86RelocationType.Abs16 or X86RelocationType.Pc16 => 2,
        X86RelocationType.Abs8 or X86RelocationType.Pc8 => 1,
        X86RelocationType.None => 0,
        _ => throw new NotSupportedException($"relocation type {type} is not supported"),
    };

    public static bool IsPcRelative(X86RelocationType type) => type is X86RelocationType.Pc32 or X86RelocationType.Plt32
        or X86RelocationType.Pc64 or X86RelocationType.Pc16 or X86RelocationType.Pc8
        or X86RelocationType.GotPcRel or X86RelocationType.GotPcRelX or X86RelocationType.RexGotPcRelX;

    /// <summary>True when the field holds a signed value (PC-relative or 32S).</summary>
    public static bool IsSigned(X86RelocationType type) => IsPcRelative(type) || type == X86RelocationType.Abs32S;

    /// <summary>How many bytes to mask for a field of this type: its width, or 8 (generously) for a type not described here.</summary>
    public static int MaskWidth(X86RelocationType type) => IsSupported(type) ? Width(type) : 8;

    public static bool IsSupported(X86RelocationType type)
    {
        try { Width(type); return true; }
        catch (NotSupportedException) { return false; }
    }

    /// <summary>Reads the field at <paramref name="offset"/>, sign- or zero-extended per the type.</summary>
    public static long ReadField(ReadOnlySpan<byte> data, int offset, X86RelocationType type)
    {
        var w = Width(type);
        var s = data.Slice(offset, w);
        return (w, IsSigned(type)) switch
        {
            (8, _) => System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(s),
            (4, true) => System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(s),
            (4, false) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(s),
            (2, true) => System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(s),
            (2, false) => System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(s),
            (1, true) => (sbyte)s[0],
            (1, false) => s[0],
            _ => 0,
        };
    }

    /// <summary>Writes <paramref name="value"/> into the field at <paramref name="offset"/> (truncated to the width).</summary>
    public static void WriteField(Span<byte> data, int offset, X86RelocationType type, long value)
    {
        var s = data.Slice(offset, Width(type));
        switch (s.Length)
        {
            case 8: System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(s, value); break;
            case 4: System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(s, unchecked((int)value)); break;
            case 2: System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(s, unchecked((short)value)); break;
            case 1: s[0] = unchecked((byte)value); break;
        }
    }

    /// <summary>
    /// The value S of the symbol that a relocated field implies, given the field's contents and the address P of the field:
    /// S = field - A (+ P when PC-relative).
    /// </summary>
    public static ulong SymbolValueFromField(X86RelocationType type, long field, long addend, ulong place) =>
        unchecked((ulong)(field - addend + (IsPcRelative(type) ? (long)place : 0)));

    /// <summary>The field value for symbol value S at place P: S + A (- P when PC-relative).</summary>
    public static long FieldFromSymbolValue(X86RelocationType type, ulong symbolValue, long addend, ulong place) =>
        unchecked((long)symbolValue + addend - (IsPcRelative(type) ? (long)place : 0));
}
