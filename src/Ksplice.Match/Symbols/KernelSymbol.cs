namespace Ksplice.Match.Symbols;

/// <summary>One kallsyms entry: name, address, nm-style type letter, and the module it belongs to (null for vmlinux).</summary>
public sealed record KernelSymbol(string Name, ulong Address, char Type, string? Module)
{
    /// <summary>Text symbols (t, T, and weak w, W): the candidates for a function.</summary>
    public bool IsText => Type is 't' or 'T' or 'w' or 'W';

    /// <summary>Global symbols have an upper-case type letter (T, D, W, ...); local ones a lower-case one.</summary>
    public bool IsGlobal => char.IsAsciiLetterUpper(Type);

    /// <summary>The target this symbol belongs to: "vmlinux" or the module name.</summary>
    public string Target => Module ?? Targets.Vmlinux;

    public override string ToString() => $"{Address:x16} {Type} {Name}{(Module is null ? "" : $" [{Module}]")}";
}
