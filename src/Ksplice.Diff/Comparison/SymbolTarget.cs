using Ksplice.Elf.Model;

namespace Ksplice.Diff.Comparison;

/// <summary>
/// A place in a function or object of this object: <see cref="Delta"/> is S + A minus the symbol's value (so it still
/// holds the instruction-length part of a PC-relative addend); <see cref="Bias"/> is that part, for messages.
/// </summary>
public sealed record SymbolTarget(ElfSymbol Symbol, long Delta, int Bias) : ReferenceTarget
{
    public override string Describe()
    {
        var at = Delta + Bias;
        return at == 0 ? Symbol.Name : at > 0 ? $"{Symbol.Name}+0x{at:x}" : $"{Symbol.Name}-0x{-at:x}";
    }
}
