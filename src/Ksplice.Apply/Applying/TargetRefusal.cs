namespace Ksplice.Apply.Applying;

/// <summary>Why apply or undo refused update <see cref="Id"/> before touching the kernel; the CLI words it.</summary>
public abstract record TargetRefusal(string Id);
