namespace Ksplice.Diff.Model;

/// <summary>How a data section may be treated by a live update.</summary>
public enum DataKind
{
    /// <summary>.data, .bss and other writable data: the running kernel's instance must be used.</summary>
    Writable,
    /// <summary>.rodata and other read-only data: a copy in the update is as good as the original.</summary>
    ReadOnly,
    /// <summary>Mergeable string sections (.rodata.str1.1, .rodata.str1.8): compared and copied by content.</summary>
    Strings,
    /// <summary>Per-CPU variables (.data..percpu): cannot be created by a module after boot.</summary>
    PerCpu,
}
