namespace Ksplice.Match.Symbols;

/// <summary>Names of update targets: "vmlinux" or a module name (kallsyms spells modules with '_' where files use '-').</summary>
public static class Targets
{
    public const string Vmlinux = "vmlinux";

    public static bool IsVmlinux(string target) => target == Vmlinux;

    /// <summary>The module name as kallsyms prints it ("kvm-intel" and "kvm_intel" both give "kvm_intel").</summary>
    public static string Normalize(string target) => IsVmlinux(target) ? target : target.Replace('-', '_');

    public static bool Same(string a, string b) => Normalize(a) == Normalize(b);
}
