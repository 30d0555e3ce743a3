using Ksplice.Elf.Model;

namespace Ksplice.Update.Building;

/// <summary>
/// Copies the blocks of a code section without symbols (.altinstr_replacement, .altinstr_aux) that copied code uses.
/// Such a section holds small blocks for every function of the object; copying it whole would drag in references to
/// unrelated code. A block runs from a referenced offset to the next one (or to its known length).
/// </summary>
public sealed class AnonymousCodeCopy(ObjectCopy copy, ElfObject output, ReferenceResolver resolver, ElfSection source)
{
    private readonly MemoryStream _bytes = new();
    private readonly List<ElfRelocation> _relocations = [];
    private readonly Dictionary<long, long> _copied = [];
    private long[]? _points;
    private ElfSection? _section;
    private ElfSymbol? _sectionSymbol;

    /// <summary>
    /// The update.o symbol and addend for a reference that computes <paramref name="pointed"/> (S + A, an offset in the
    /// source section) and means the instruction at <paramref name="target"/> (the same, plus the PC-relative bias).
    /// </summary>
    public (ElfSymbol Symbol, long Addend) Resolve(long pointed, long target, long? blockLength)
    {
        var points = _points ??= ReferencedPoints();
        var index = Array.BinarySearch(points, target);
        if (index < 0) index = ~index - 1;
        var start = index >= 0 ? points[index] : 0;
        var end = blockLength is { } length ? start + length
            : index + 1 < points.Length ? points[index + 1] : (long)source.Size;
        if (!_copied.TryGetValue(start, out var at))
        {
            at = Append(start, Math.Max(start, end));
            _copied[start] = at;
        }
        return (SectionSymbol(), at + pointed - start);
    }

    public void Finish()
    {
        if (_section is null) return;
        _section.Data = _bytes.ToArray();
        _section.Relocations.AddRange(_relocations.OrderBy(r => r.Offset));
    }

    private long Append(long start, long end)
    {
        _section ??= output.AddSection(new ElfSection(source.Name, source.Type)
        {
            Flags = source.Flags & ~ElfSectionFlags.Group,
            Alignment = source.Alignment,
        });
        var at = _bytes.Length;
        _bytes.Write(source.Data.AsSpan((int)start, (int)(end - start)));
        foreach (var r in source.Relocations.Where(r => (long)r.Offset >= start && (long)r.Offset < end))
        {
            var (symbol, addend) = resolver.Resolve(copy, r.Symbol, r.Addend, $"{source.Name}+0x{r.Offset:x}", ReferenceResolver.Bias(copy.Diff.Diff.Post, r, source));
            _relocations.Add(new ElfRelocation((ulong)(at + ((long)r.Offset - start)), r.Type, symbol, addend));
        }
        return at;
    }

    private ElfSymbol SectionSymbol() =>
        _sectionSymbol ??= output.AddSymbol(new ElfSymbol("") { Binding = ElfSymbolBinding.Local, Type = ElfSymbolType.Section, Section = _section ?? throw new InvalidOperationException("no block copied yet") });

    /// <summary>Every offset of the source section that something in the object refers to: the block starts.</summary>
    private long[] ReferencedPoints()
    {
        var post = copy.Diff.Diff.Post;
        return post.Sections.SelectMany(s => s.Relocations.Where(r => r.Symbol.Section == source)
                .Select(r => (long)r.Symbol.Value + r.Addend + ReferenceResolver.Bias(post, r, s)))
            .Where(p => p >= 0 && p <= (long)source.Size).Distinct().Order().ToArray();
    }
}
