using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Ksplice.Apply.Tests.Support;
using Ksplice.Elf.IO;
using Ksplice.Elf.Model;
using Ksplice.Elf.Native;
using Ksplice.Package;
using Ksplice.Package.Manifest;
using Ksplice.TestSupport;

namespace Ksplice.Apply.Tests.Hostile;

/// <summary>
/// Update tarballs as an attacker crafts them: written by the package writer (so the manifest's <c>files</c> map holds the
/// SHA-256 of each hostile file, and the hash check does not refuse it first), then, for what the writer never writes
/// (a link, a device, a FIFO, an entry outside the update's directory, an object path outside the tree), rewritten entry
/// by entry. Each names what it must be refused for.
/// </summary>
public static class HostileTarballs
{
    public const string Id = "t3st";
    private const string PreObject = "pre/lib/learn.o";

    /// <summary>One crafted tarball: how to write it, and the refusal it must get.</summary>
    /// <param name="Refusal">the exception type the refusal must be (one ksplice-apply and ksplice-view word)</param>
    /// <param name="Naming">what the refusal's message must contain: the file and the problem</param>
    public sealed record Crafted(string Name, Func<UpdateManifest, string> Write, Type Refusal, IReadOnlyList<string> Naming);

    /// <summary>The crafted tarballs by name, in the order the tests list them.</summary>
    public static IReadOnlyList<Crafted> All { get; } =
    [
        ElfAsPreObject("pre_object_with_16382_headers_each_claiming_the_whole_file", _ => HostileElf.HeadersClaimingTheWholeFile(16_382), ElfDiagnosticId.SectionOverlapsHeaders),
        ElfAsPreObject("pre_object_of_16_MiB_with_262142_headers_each_claiming_the_whole_file", _ => HostileElf.HeadersClaimingTheWholeFile(262_142), ElfDiagnosticId.SectionOverlapsHeaders),
        ElfAsPreObject("pre_object_with_40000_symbols_each_starting_further_into_one_64_KiB_name", _ => HostileElf.SymbolsNaming(64 << 10, 40_000, i => (uint)i), ElfDiagnosticId.NamesTooLong),
        ElfAsPreObject("pre_object_relocation_symbol_index_with_the_top_bit_set", RelocationSymbolWithTheTopBitSet, ElfDiagnosticId.RelocationSymbolOutOfRange),
        ElfAsPreObject("pre_object_section_outside_the_file", SectionOutsideTheFile, ElfDiagnosticId.SectionOutsideFile),
        ElfAsPreObject("pre_object_sections_overlapping", SectionsOverlapping, ElfDiagnosticId.SectionsOverlap),
        ElfAsModule("module_with_16382_headers_each_claiming_the_whole_file", _ => HostileElf.HeadersClaimingTheWholeFile(16_382), ElfDiagnosticId.SectionOverlapsHeaders),
        ElfAsModule("module_relocation_symbol_index_with_the_top_bit_set", RelocationSymbolWithTheTopBitSet, ElfDiagnosticId.RelocationSymbolOutOfRange),
        ElfAsModule("module_section_outside_the_file", SectionOutsideTheFile, ElfDiagnosticId.SectionOutsideFile),
        ElfAsModule("module_sections_overlapping", SectionsOverlapping, ElfDiagnosticId.SectionsOverlap),
        Entry("pre_object_entry_with_an_absolute_path", e => Regular("/" + e.Name, e.Data), "escapes the archive"),
        Entry("pre_object_entry_with_dotdot", e => Regular($"ksplice-{Id}/../../../tmp/{PreObject}", e.Data), "escapes the archive"),
        Entry("pre_object_entry_a_symlink_to_dev_zero", e => new PaxTarEntry(TarEntryType.SymbolicLink, e.Name) { LinkName = "/dev/zero" }, "is a SymbolicLink"),
        Entry("pre_object_entry_a_hard_link_to_dev_zero", e => new PaxTarEntry(TarEntryType.HardLink, e.Name) { LinkName = "/dev/zero" }, "is a HardLink"),
        Entry("pre_object_entry_the_device_dev_zero", e => new PaxTarEntry(TarEntryType.CharacterDevice, e.Name) { DeviceMajor = 1, DeviceMinor = 5 }, "is a CharacterDevice"),
        Entry("pre_object_entry_a_fifo", e => new PaxTarEntry(TarEntryType.Fifo, e.Name), "is a Fifo"),
        ObjectPath("manifest_object_path_absolute", "/lib/learn.o"),
        ObjectPath("manifest_object_path_with_dotdot", "lib/../../../../../../etc/learn.o"),
    ];

    public static Crafted Named(string name) => All.Single(c => c.Name == name);

    /// <summary>Every row's name, for a <c>MemberData</c>.</summary>
    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Name });

    /// <summary>The bytes of the files the tarball unpacks to: what reading it may cost on top of a fixed bound.</summary>
    public static long UnpackedBytes(string tarball)
    {
        long total = 0;
        using var file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry) total += entry.EntryType == TarEntryType.RegularFile ? entry.Length : 0;
        return total;
    }

    /// <summary>learn.o made hostile by <paramref name="craft"/>, as the update's pre object lib/learn.o.</summary>
    private static Crafted ElfAsPreObject(string name, Func<byte[], byte[]> craft, ElfDiagnosticId problem) => new(name,
        manifest => TestUpdate.Write(manifest, preObject: Save(craft(File.ReadAllBytes(TestUpdate.LearnObjectPath)))),
        typeof(ElfFormatException), [PreObject, Code(problem)]);

    /// <summary>The update module made hostile by <paramref name="craft"/>.</summary>
    private static Crafted ElfAsModule(string name, Func<byte[], byte[]> craft, ElfDiagnosticId problem) => new(name,
        manifest => TestUpdate.Write(manifest, module: Save(craft(File.ReadAllBytes(TestUpdate.ModuleFor(manifest))))),
        typeof(ElfFormatException), [PackageLayout.ModuleFile(Id), Code(problem)]);

    /// <summary>A good update whose pre object entry is replaced by <paramref name="replace"/>'s entry.</summary>
    private static Crafted Entry(string name, Func<(string Name, byte[] Data), PaxTarEntry> replace, string problem) => new(name,
        manifest => Rewrite(TestUpdate.Write(manifest), (entryName, data) =>
            entryName == $"ksplice-{Id}/{PreObject}" ? replace((entryName, data)) : null),
        typeof(InvalidUpdateException), [PreObject, problem]);

    /// <summary>A good update whose manifest names its object lib/learn.o <paramref name="path"/> wherever it names it.</summary>
    private static Crafted ObjectPath(string name, string path) => new(name,
        manifest => Rewrite(TestUpdate.Write(manifest), (entryName, data) => entryName == $"ksplice-{Id}/{PackageLayout.ManifestFile}"
            ? Regular(entryName, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(data).Replace("\"lib/learn.o\"", $"\"{path}\"", StringComparison.Ordinal)))
            : null),
        typeof(InvalidUpdateException), [PackageLayout.ManifestFile, $"'{path}' is not a relative dir/name.o path without '..'"]);

    private static string Code(ElfDiagnosticId id) => $"ELF{(int)id:D4}";

    private static string Save(byte[] data)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("ksplice-hostile-").FullName, "hostile.o");
        File.WriteAllBytes(path, data);
        return path;
    }

    private static PaxTarEntry Regular(string name, byte[] data) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) };

    /// <summary>
    /// A copy of <paramref name="tarball"/> (same file name, new directory) in which each entry for which
    /// <paramref name="replace"/> (given the entry's name and contents) returns an entry is replaced by it.
    /// </summary>
    private static string Rewrite(string tarball, Func<string, byte[], PaxTarEntry?> replace)
    {
        var entries = new List<(TarEntryType Type, string Name, byte[] Data)>();
        using (var file = File.OpenRead(tarball))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        using (var reader = new TarReader(gzip))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                var data = new MemoryStream();
                entry.DataStream?.CopyTo(data);
                entries.Add((entry.EntryType, entry.Name, data.ToArray()));
            }
        }
        var crafted = Path.Combine(Directory.CreateTempSubdirectory("ksplice-hostile-").FullName, Path.GetFileName(tarball));
        using (var file = File.Create(crafted))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var (type, name, data) in entries)
                writer.WriteEntry(replace(name, data) ?? (type == TarEntryType.RegularFile ? Regular(name, data) : new PaxTarEntry(type, name)));
        }
        return crafted;
    }

    private static int HeaderOf(byte[] data, int section) =>
        (int)BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(Elf64Ehdr.ShOff)) + Elf64Shdr.Size * section;

    private static ElfObject Parse(byte[] data) => ElfReader.Read(data, "good.o");

    /// <summary>The first relocation names symbol 0xfffffff0: <c>(int)(info &gt;&gt; 32)</c> would be negative.</summary>
    private static byte[] RelocationSymbolWithTheTopBitSet(byte[] data)
    {
        var rela = Parse(data).Sections.First(s => s.Type == ElfSectionType.Rela && s.Data.Length >= Elf64Rela.Size);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan((int)rela.FileOffset + Elf64Rela.Info), (0xffff_fff0UL << 32) | 2);
        return data;
    }

    /// <summary>The first section with bytes claims as many bytes as the whole file, from where it starts.</summary>
    private static byte[] SectionOutsideTheFile(byte[] data)
    {
        var section = Parse(data).Sections.First(s => s.Type == ElfSectionType.ProgBits && s.Size > 0);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(HeaderOf(data, section.Index) + Elf64Shdr.SectionSize), (ulong)data.Length);
        return data;
    }

    /// <summary>The second section with bytes starts where the first does.</summary>
    private static byte[] SectionsOverlapping(byte[] data)
    {
        var sections = Parse(data).Sections.Where(s => s.Type == ElfSectionType.ProgBits && s.Size > 0).Take(2).ToList();
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(HeaderOf(data, sections[1].Index) + Elf64Shdr.Offset), sections[0].FileOffset);
        return data;
    }
}
