namespace Ksplice.Apply.Kernel;

/// <summary>One line of /proc/kallsyms: address, type letter (t/T text, d/D data, ...), name, and the module
/// that holds it (null for the kernel image).</summary>
public readonly record struct KallsymsSymbol(ulong Address, char Type, string Name, string? Module)
{
    /// <summary>"vmlinux" or the module name, as targets are named in update descriptors.</summary>
    public string Target => Module ?? "vmlinux";

    public bool IsText => Type is 't' or 'T';

    public bool IsGlobal => char.IsAsciiLetterUpper(Type);

    public override string ToString() =>
        $"{Address:x16} {Type} {Name}{(Module is null ? "" : $" [{Module}]")}";
}
