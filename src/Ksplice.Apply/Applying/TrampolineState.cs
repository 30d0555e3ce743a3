using Ksplice.Match.Memory;

namespace Ksplice.Apply.Applying;

/// <summary>What is at a patched function's trampoline site now: a `jmp` and where it goes, or something else.</summary>
public sealed record TrampolineState(AppliedFunction Function, bool IsJump, ulong Destination, byte[] Bytes)
{
    public static TrampolineState Read(AppliedFunction function, IKernelMemory memory)
    {
        var site = function.Address + (ulong)function.TrampolineOffset;
        var bytes = new byte[Trampoline.Size];
        if (!memory.TryRead(site, bytes)) return new TrampolineState(function, false, 0, []);
        var isJump = bytes[0] == 0xe9;
        var destination = isJump ? unchecked(site + Trampoline.Size + (ulong)(long)BitConverter.ToInt32(bytes, 1)) : 0;
        return new TrampolineState(function, isJump, destination, bytes);
    }
}
