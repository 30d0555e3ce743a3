namespace Ksplice.Apply.Kernel;

/// <summary>A task whose kernel stack held code the update replaces: one line "comm pid symbol..." of the conflicts file.</summary>
public sealed record StackConflict(string Command, int Pid, IReadOnlyList<string> Symbols)
{
    public override string ToString() => $"{Command} {Pid} {string.Join(' ', Symbols)}";
}
