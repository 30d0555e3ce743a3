namespace Ksplice.Match.Sites;

/// <summary>
/// The kernel's NOPs (arch/x86/include/asm/nops.h, x86-64 table, ASM_NOP_MAX = 8): what add_nops() writes as padding
/// after boot-time patching, and what ftrace and jump labels write for a disabled 5- or 2-byte site.
/// </summary>
internal static class X86Nops
{
    public const int Max = 8;

    private static readonly byte[][] Table =
    [
        [],
        [0x90],
        [0x66, 0x90],
        [0x0f, 0x1f, 0x00],
        [0x0f, 0x1f, 0x40, 0x00],
        [0x0f, 0x1f, 0x44, 0x00, 0x00],
        [0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00],
        [0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00],
        [0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
    ];

    /// <summary>The NOP of exactly this length (1..8).</summary>
    public static ReadOnlySpan<byte> Of(int length) => Table[length];

    /// <summary>True when the bytes are one of the table's NOPs.</summary>
    public static bool IsKernelNop(ReadOnlySpan<byte> bytes) =>
        bytes.Length is >= 1 and <= Max && bytes.SequenceEqual(Table[bytes.Length]);
}
