namespace Ksplice.Apply.Applying;

/// <summary>Where ksplice-apply put a trampoline: the old function's address and the offset of the jump in it.</summary>
public sealed record AppliedFunction(string Name, string Target, ulong Address, int TrampolineOffset);
