using Ksplice.Apply.Kernel;
using Ksplice.Elf.Modules;

namespace Ksplice.Apply.Applying;

/// <summary>
/// The kernel enforces module signatures (<paramref name="Policy"/> says which setting), and apply cannot give it a
/// module signed by a key it trusts: the update module is specialised at apply time (learnt addresses and expected
/// bytes written into it), which invalidates any signature made at create, and the core built on this machine is
/// unsigned. <paramref name="UpdateSigned"/> and <paramref name="Signer"/> say what the update module carries.
/// </summary>
public sealed record SignaturesEnforced(string Id, ModuleSignaturePolicy Policy, bool UpdateSigned, ModuleSigner? Signer) : TargetRefusal(Id);
