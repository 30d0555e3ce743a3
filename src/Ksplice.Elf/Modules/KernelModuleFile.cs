using System.Buffers.Binary;
using System.Text;
using Ksplice.Elf.IO;
using Ksplice.Elf.Model;

namespace Ksplice.Elf.Modules;

/// <summary>
/// A kernel module (.ko) as the module loader sees it: the ELF file without its appended signature, the signature,
/// the <c>.modinfo</c> strings (<c>srcversion</c>, <c>vermagic</c>, ...), the CRCs it was built against (the 64-byte
/// <c>struct modversion_info</c> entries of <c>__versions</c>) and the CRCs of the symbols it exports (Linux 6.1:
/// <c>__crc_NAME</c> labels into <c>__kcrctab</c>/<c>__kcrctab_gpl</c>, each a 32-bit CRC; before 5.19, absolute
/// <c>__crc_NAME</c> symbols whose value is the CRC).
/// </summary>
public sealed class KernelModuleFile
{
    private const int ModversionInfoSize = 64;
    private const string CrcPrefix = "__crc_";
    private const string KsymtabPrefix = "__ksymtab_";

    private KernelModuleFile(string origin, ElfObject elf, ModuleSignature? signature)
    {
        Origin = origin;
        Elf = elf;
        Signature = signature;
        Info = ReadModinfo(elf);
        ImportedCrcs = ReadVersions(elf, origin);
        Exports = ReadExports(elf, origin);
    }

    public string Origin { get; }
    public ElfObject Elf { get; }
    public ModuleSignature? Signature { get; }

    /// <summary>The <c>.modinfo</c> entries in file order ("license" may occur more than once).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Info { get; }

    /// <summary>The CRC of every symbol the module was built to import (modversions), in file order.</summary>
    public IReadOnlyList<SymbolCrc> ImportedCrcs { get; }

    /// <summary>Every exported symbol, with its CRC (null when the module was built without modversions).</summary>
    public IReadOnlyDictionary<string, uint?> Exports { get; }

    /// <summary>The first <c>.modinfo</c> value of <paramref name="key"/>, or null.</summary>
    public string? InfoValue(string key) => Info.FirstOrDefault(e => e.Key == key).Value;

    /// <summary><c>srcversion</c>: modpost's hash of the module's sources (present when the module has a version).</summary>
    public string? SourceVersion => InfoValue("srcversion");

    /// <summary>The undefined symbols the module needs from the kernel or other modules.</summary>
    public IEnumerable<string> UndefinedSymbols => Elf.Symbols.Where(s => s.IsUndefined && s.Name.Length > 0).Select(s => s.Name);

    public static KernelModuleFile ReadFile(string path) => Read(File.ReadAllBytes(path), path);

    public static KernelModuleFile Read(byte[] file, string origin)
    {
        var signature = ModuleSignature.Find(file, origin);
        var bytes = signature is null ? file : file.AsSpan(0, signature.ModuleLength).ToArray();
        return new KernelModuleFile(origin, ElfReader.Read(bytes, origin), signature);
    }

    private static IReadOnlyList<KeyValuePair<string, string>> ReadModinfo(ElfObject elf)
    {
        var section = elf.FindSection(".modinfo");
        if (section is null) return [];
        return Encoding.UTF8.GetString(section.Data).Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2))
            .Select(kv => new KeyValuePair<string, string>(kv[0], kv.Length > 1 ? kv[1] : ""))
            .ToList();
    }

    private static IReadOnlyList<SymbolCrc> ReadVersions(ElfObject elf, string origin)
    {
        var section = elf.FindSection("__versions");
        if (section is null) return [];
        if (section.Data.Length % ModversionInfoSize != 0)
            throw new KernelModuleFormatException($"{origin}: __versions is {section.Data.Length} bytes, not a whole number of {ModversionInfoSize}-byte entries");
        var versions = new List<SymbolCrc>();
        for (var offset = 0; offset < section.Data.Length; offset += ModversionInfoSize)
        {
            var entry = section.Data.AsSpan(offset, ModversionInfoSize);
            var name = entry[8..];
            var end = name.IndexOf((byte)0);
            if (end <= 0) throw new KernelModuleFormatException($"{origin}: __versions entry {offset / ModversionInfoSize} has no NUL-terminated name");
            // modversion_info.crc is an unsigned long holding a 32-bit CRC
            versions.Add(new SymbolCrc(Encoding.ASCII.GetString(name[..end]), (uint)BinaryPrimitives.ReadUInt64LittleEndian(entry)));
        }
        return versions;
    }

    private static IReadOnlyDictionary<string, uint?> ReadExports(ElfObject elf, string origin)
    {
        var exports = new SortedDictionary<string, uint?>(StringComparer.Ordinal);
        foreach (var symbol in elf.Symbols)
        {
            if (symbol.Name.StartsWith(KsymtabPrefix, StringComparison.Ordinal) && symbol.Section?.Name.StartsWith("__ksymtab", StringComparison.Ordinal) == true)
                exports.TryAdd(symbol.Name[KsymtabPrefix.Length..], null);
        }
        foreach (var symbol in elf.Symbols.Where(s => s.Name.StartsWith(CrcPrefix, StringComparison.Ordinal)))
        {
            var name = symbol.Name[CrcPrefix.Length..];
            if (symbol.IsAbsolute)
            {
                exports[name] = (uint)symbol.Value;
                continue;
            }
            if (symbol.Section is not { } table || !table.Name.StartsWith("__kcrctab", StringComparison.Ordinal)) continue;
            if (table.Type == ElfSectionType.NoBits || symbol.Value > (ulong)table.Data.Length || (ulong)table.Data.Length - symbol.Value < 4)
                throw new KernelModuleFormatException($"{origin}: {symbol.Name} at {symbol.Value} is outside {table.Name} ({table.Data.Length} bytes)");
            exports[name] = BinaryPrimitives.ReadUInt32LittleEndian(table.Data.AsSpan((int)symbol.Value, 4));
        }
        return exports;
    }
}
