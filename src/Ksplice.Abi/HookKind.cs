namespace Ksplice.Abi;

/// <summary>
/// The hooks a patch author attaches with kmod/include/ksplice-patch.h, in the order of
/// kmod/include/ksplice_hook_kinds.h (the value is <c>struct ksplice_hook.kind</c>). Which run inside the pause and
/// which may refuse: <see cref="HookKinds"/>.
/// </summary>
public enum HookKind
{
    PreApply,
    CheckApply,
    Apply,
    PostApply,
    FailApply,
    PreReverse,
    CheckReverse,
    Reverse,
    PostReverse,
    FailReverse,
}
