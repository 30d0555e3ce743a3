using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Ksplice.Package.Tests.Fuzz;

/// <summary>
/// Derives a hostile .tar.gz from a valid update: byte flips in the gzip stream or in the tar inside it, truncation,
/// hostile entry names and types, duplicate entries, huge declared sizes, many entries, a large file of zeros.
/// </summary>
public sealed class TarballMutator(byte[] validGzip, string escapeDirectory)
{
    private const int TarBlock = 512;

    private readonly byte[] tar = Gunzip(validGzip);
    private readonly IReadOnlyList<TarEntrySpec> entries = ReadEntries(validGzip);

    public static readonly string[] MutationClasses =
    [
        "gzip byte flips", "tar byte flips", "gzip truncation", "tar truncation", "hostile name", "hostile type",
        "duplicate entry", "huge declared size", "many entries", "large file", "header field flips",
    ];

    public (string Class, byte[] Tarball) Mutate(Random random)
    {
        var kind = random.Next(MutationClasses.Length);
        var bytes = kind switch
        {
            0 => Flip(validGzip, random, 0),
            1 => Gzip(Flip(tar, random, 0)),
            2 => validGzip[..random.Next(validGzip.Length)],
            3 => Gzip(tar[..random.Next(tar.Length)]),
            4 => Gzip(Write(Replace(random, e => e with { Name = HostileName(random, e.Name) }), random)),
            5 => Gzip(Write(Insert(random, HostileEntry(random)), random)),
            6 => Gzip(Write(Insert(random, entries[random.Next(entries.Count)]), random)),
            7 => Gzip(HugeSize(random)),
            8 => Gzip(Write(ManyEntries(random), random)),
            9 => Gzip(Write(Insert(random, new TarEntrySpec(TarEntryType.RegularFile, Top + "/pre/kernel/zeros.o", new byte[random.Next(1, 6) << 20])), random)),
            _ => Gzip(Flip(tar, random, random.Next(tar.Length / TarBlock) * TarBlock, TarBlock)),
        };
        return (MutationClasses[kind], bytes);
    }

    private string Top => entries[0].Name.Split('/')[0];

    private string HostileName(Random random, string original) => random.Next(14) switch
    {
        0 => "/" + original,
        1 => Path.Combine(escapeDirectory, "escaped"),
        2 => Top + "/../escaped",
        3 => Top + "/../../escaped",
        4 => "../escaped",
        5 => Top + "/" + new string('a', random.Next(100, 5000)),
        6 => Top + "/pre/" + string.Join('/', Enumerable.Repeat("d", random.Next(50, 400))) + "/x.o",
        7 => Top + "/./manifest.json",
        8 => Top + "//manifest.json",
        9 => Top + "\\..\\escaped",
        10 => "ksplice-other/" + original.Split('/', 2).Last(),
        11 => original + "\0hidden",
        12 => "",
        _ => Top + "/\u001b[2J" + "\r\n",
    };

    private TarEntrySpec HostileEntry(Random random)
    {
        var name = random.Next(3) == 0 ? HostileName(random, Top + "/link") : Top + "/pre/kernel/link.o";
        var target = random.Next(2) == 0 ? escapeDirectory : Top + "/manifest.json";
        return random.Next(6) switch
        {
            0 => new TarEntrySpec(TarEntryType.SymbolicLink, name, [], target),
            1 => new TarEntrySpec(TarEntryType.HardLink, name, [], target),
            2 => new TarEntrySpec(TarEntryType.Fifo, name, []),
            3 => new TarEntrySpec(TarEntryType.CharacterDevice, name, []),
            4 => new TarEntrySpec(TarEntryType.BlockDevice, name, []),
            _ => new TarEntrySpec(TarEntryType.Directory, Top + "/manifest.json", []),
        };
    }

    private List<TarEntrySpec> Replace(Random random, Func<TarEntrySpec, TarEntrySpec> change)
    {
        var list = entries.ToList();
        var i = random.Next(list.Count);
        list[i] = change(list[i]);
        return list;
    }

    private List<TarEntrySpec> Insert(Random random, TarEntrySpec entry)
    {
        var list = entries.ToList();
        list.Insert(random.Next(list.Count + 1), entry);
        return list;
    }

    private List<TarEntrySpec> ManyEntries(Random random)
    {
        var list = entries.ToList();
        var count = random.Next(100, 2000);
        for (var i = 0; i < count; i++)
            list.Add(random.Next(2) == 0
                ? new TarEntrySpec(TarEntryType.Directory, $"{Top}/pre/d{i}/", [])
                : new TarEntrySpec(TarEntryType.RegularFile, $"{Top}/pre/f{i}.o", [(byte)i]));
        return list;
    }

    /// <summary>The valid tar with one regular file's declared size (octal, in its ustar header) made huge.</summary>
    private byte[] HugeSize(Random random)
    {
        var copy = (byte[])tar.Clone();
        var headers = new List<int>();
        for (var offset = 0; offset + TarBlock <= copy.Length; offset += TarBlock)
            if (copy[offset + 156] == (byte)'0' && copy[offset + 257] == (byte)'u') headers.Add(offset);
        if (headers.Count == 0) return copy;
        var header = headers[random.Next(headers.Count)];
        var size = random.Next(3) switch { 0 => "77777777777", 1 => "10000000000", _ => Convert.ToString(random.Next(1, 1 << 30), 8).PadLeft(11, '0') };
        Encoding.ASCII.GetBytes(size + "\0").CopyTo(copy, header + 124);
        "        "u8.CopyTo(copy.AsSpan(header + 148));
        var sum = copy.AsSpan(header, TarBlock).ToArray().Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(copy, header + 148);
        return copy;
    }

    private static byte[] Flip(byte[] data, Random random, int start, int? length = null)
    {
        var copy = (byte[])data.Clone();
        var span = length ?? copy.Length - start;
        var flips = random.Next(1, 17);
        for (var i = 0; i < flips; i++) copy[start + random.Next(span)] = (byte)random.Next(256);
        return copy;
    }

    private static byte[] Write(IEnumerable<TarEntrySpec> specs, Random random)
    {
        var format = random.Next(3) switch { 0 => TarEntryFormat.Pax, 1 => TarEntryFormat.Gnu, _ => TarEntryFormat.Ustar };
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, format, leaveOpen: true))
        {
            foreach (var spec in specs)
            {
                try
                {
                    TarEntry entry = format switch
                    {
                        TarEntryFormat.Pax => new PaxTarEntry(spec.Type, spec.Name),
                        TarEntryFormat.Gnu => new GnuTarEntry(spec.Type, spec.Name),
                        _ => new UstarTarEntry(spec.Type, spec.Name),
                    };
                    if (spec.LinkName is { } link) entry.LinkName = link;
                    if (spec.Type == TarEntryType.RegularFile) entry.DataStream = new MemoryStream(spec.Content);
                    writer.WriteEntry(entry);
                }
                catch (ArgumentException)
                {
                    // A name this format cannot hold (e.g. empty, or too long for ustar) is left out; other classes cover the rest.
                }
            }
        }
        return output.ToArray();
    }

    private static IReadOnlyList<TarEntrySpec> ReadEntries(byte[] gzip)
    {
        var list = new List<TarEntrySpec>();
        using var reader = new TarReader(new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress));
        while (reader.GetNextEntry() is { } entry)
        {
            using var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            list.Add(new TarEntrySpec(entry.EntryType, entry.Name, content.ToArray()));
        }
        return list;
    }

    private static byte[] Gunzip(byte[] gzip)
    {
        using var output = new MemoryStream();
        using (var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress)) input.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }
}
