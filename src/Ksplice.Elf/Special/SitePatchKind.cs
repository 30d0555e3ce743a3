namespace Ksplice.Elf.Special;

/// <summary>How the kernel rewrites the code at an entry's site while booting (or loading a module).</summary>
public enum SitePatchKind
{
    /// <summary>The code is not rewritten (exception table, bug table, ORC).</summary>
    None,
    /// <summary>__mcount_loc: `call __fentry__` becomes a 5-byte NOP, or a call to an ftrace trampoline while traced.</summary>
    FentryCall,
    /// <summary>.return_sites: `jmp __x86_return_thunk` becomes `ret; int3; int3; int3; int3` or stays a jump to a thunk.</summary>
    ReturnThunk,
    /// <summary>.retpoline_sites: `call/jmp __x86_indirect_thunk_reg` becomes an indirect call/jmp (possibly lfence-prefixed) padded with NOPs.</summary>
    RetpolineThunk,
    /// <summary>.parainstructions: an indirect pv_ops call of `len` bytes becomes native code or a direct call, padded with NOPs.</summary>
    Paravirt,
    /// <summary>.altinstructions: `instrlen` bytes may be replaced by the replacement (relative branches fixed up), padded with NOPs.</summary>
    Alternative,
    /// <summary>.smp_locks: the lock prefix (0xf0) may become a DS prefix (0x3e) on a uniprocessor.</summary>
    LockPrefix,
    /// <summary>__jump_table: a 2- or 5-byte NOP or jump to the entry's target.</summary>
    JumpLabel,
    /// <summary>.static_call_sites: a call/jmp to the static-call trampoline becomes a call/jmp to the current target, a NOP or a RET.</summary>
    StaticCall,
}
