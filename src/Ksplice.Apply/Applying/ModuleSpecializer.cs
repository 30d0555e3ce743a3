using Ksplice.Elf.IO;
using Ksplice.Elf.Model;
using Ksplice.Elf.Modules;
using Ksplice.Package;

namespace Ksplice.Apply.Applying;

/// <summary>
/// Specialises an update module for the running kernel (docs/DESIGN.md section 2): writes each placeholder's value into
/// its symbol-table entry and each `__ksplice_expect_N` array's bytes into the module file. Only those bytes change;
/// nothing moves, so the result is the module kbuild made with the addresses the matcher learnt. A signature appended at
/// create covers the module as created, so it is dropped: left on, it would no longer verify, and the kernel refuses a
/// module whose signature fails even when it does not require signatures (only an absent or unknown-key signature is
/// let through). Under --partial a placeholder that is the key of a static-key or static-call table entry of an absent
/// target is bound to one of the module's own inert keys instead (<see cref="AbsentTargetKeys"/>): its symbol becomes
/// a definition in the inert key's section. A module that does not fit the values (a symbol missing, repeated, not a
/// placeholder, an array too small) is refused as <see cref="InvalidUpdateException"/>: its tarball is corrupt or foreign.
/// </summary>
public static class ModuleSpecializer
{
    public static byte[] Specialise(byte[] module, string origin, IReadOnlyDictionary<string, ulong> placeholderValues,
        IReadOnlyDictionary<string, byte[]> expectedBytes, IReadOnlyDictionary<string, string>? boundToLocal = null)
    {
        var unsigned = ModuleSignature.Strip(module, origin).ToArray();
        var elf = ElfReader.Read(unsigned, origin);
        if (elf.SymbolTable is null) throw Mismatch($"{origin}: the module has no symbol table");
        var output = unsigned.ToArray();
        var bySymbol = elf.Symbols.Where(s => s.Name.Length > 0).GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.ToList());

        foreach (var (name, value) in placeholderValues)
        {
            var symbol = Single(bySymbol, name, origin);
            if (!symbol.IsAbsolute)
                throw Mismatch($"{origin}: {name} is not an absolute placeholder symbol");
            ElfFilePatcher.WriteSymbolValue(output, elf, symbol, value);
        }
        foreach (var (name, local) in boundToLocal ?? new Dictionary<string, string>())
        {
            var symbol = Single(bySymbol, name, origin);
            var definition = Single(bySymbol, local, origin);
            if (!symbol.IsAbsolute || definition.Section is null)
                throw Mismatch($"{origin}: cannot bind {name} to {local}");
            ElfFilePatcher.WriteSymbolDefinition(output, elf, symbol, definition.Section, definition.Value);
        }
        foreach (var (name, bytes) in expectedBytes)
        {
            var symbol = Single(bySymbol, name, origin);
            var section = symbol.Section ?? throw Mismatch($"{origin}: {name} is not defined in a section");
            if (section.Type == ElfSectionType.NoBits || (ulong)bytes.Length > symbol.Size || symbol.Value + symbol.Size > section.Size)
                throw Mismatch($"{origin}: {name} holds {symbol.Size} bytes in {section.Name}, the matcher compared {bytes.Length}");
            ElfFilePatcher.WriteSectionBytes(output, section, symbol.Value, bytes);
        }
        return output;
    }

    private static ElfSymbol Single(Dictionary<string, List<ElfSymbol>> symbols, string name, string origin) =>
        symbols.TryGetValue(name, out var list) && list.Count == 1 ? list[0]
            : throw Mismatch($"{origin}: expected one symbol {name}, found {(list?.Count ?? 0)}");

    private static InvalidUpdateException Mismatch(string problem) =>
        new($"{problem}; the update module does not match its manifest: the tarball is corrupt or was not made by ksplice-create");
}
