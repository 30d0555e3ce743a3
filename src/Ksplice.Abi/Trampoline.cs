namespace Ksplice.Abi;

/// <summary>The jump the core module writes into each old function (kmod/include/ksplice_abi.h).</summary>
public static class Trampoline
{
    /// <summary>Bytes a trampoline overwrites: <c>jmp rel32</c> (KSPLICE_TRAMP_SIZE).</summary>
    public const int Size = 5;

    /// <summary>
    /// Bytes of the ftrace call (a NOP once booted) a traced function starts with (KSPLICE_FENTRY_SIZE): the trampoline
    /// offset of such a function, so ftrace keeps working; every other function's is 0.
    /// </summary>
    public const int FentrySize = 5;

    /// <summary>Where the trampoline of a function goes: after its ftrace call, or at its first byte.</summary>
    public static int OffsetFor(bool startsWithFentry) => startsWithFentry ? FentrySize : 0;
}
