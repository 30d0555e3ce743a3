using Ksplice.Elf.Model;
using Ksplice.Elf.Special;

namespace Ksplice.Update.Building;

/// <summary>
/// Carries into update.o the special-section entries that describe copied code (fentry sites, return thunks,
/// alternatives, exception table, bug table, jump labels, static calls, ORC...), so the module loader patches and
/// registers the new code exactly as it would for the original. Entries of code that is not copied are left behind.
/// </summary>
public sealed class SpecialEntryCopier
{
    private readonly ElfObject _out;
    private readonly ReferenceResolver _resolver;
    private readonly Dictionary<string, (ElfSection Section, MemoryStream Bytes)> _sections = new(StringComparer.Ordinal);

    public SpecialEntryCopier(ElfObject output, ReferenceResolver resolver)
    {
        _out = output;
        _resolver = resolver;
    }

    public void CopyEntries(ObjectCopy copy)
    {
        var post = copy.Diff.Diff.Post;
        AltReplacementCopy? alt = null;
        foreach (var section in post.Sections.Where(s => SpecialSections.Find(s.Name) is not null))
        {
            var kind = SpecialSections.Find(section.Name)!;
            if (kind.Site is null) continue;
            var parallel = kind.ParallelSection is { } p ? post.FindSection(p) : null;
            foreach (var entry in SpecialSectionReader.Read(post, section))
            {
                if (entry.Site?.TargetSection is not { } site || copy.Copied(site) is null) continue;
                var (outSection, bytes) = Output(section);
                var at = bytes.Length;
                var raw = new byte[kind.EntrySize];
                entry.Bytes.CopyTo(raw);
                bytes.Write(raw);
                foreach (var field in entry.Fields)
                {
                    var from = $"{section.Name}[{entry.Index}]";
                    var r = field.Relocation;
                    var (symbol, addend) = field.TargetSection?.Name == ".altinstr_replacement"
                        ? (alt ??= new AltReplacementCopy(copy, _out, _resolver)).Copy(entry, r)
                        : _resolver.Resolve(copy, r.Symbol, r.Addend, from);
                    outSection.Relocations.Add(new ElfRelocation((ulong)at + (ulong)field.Field.Offset, r.Type, symbol, addend));
                }
                if (parallel is not null)
                {
                    var (_, parallelBytes) = Output(parallel);
                    parallelBytes.Write(parallel.Data.AsSpan(entry.Index * kind.ParallelEntrySize, kind.ParallelEntrySize));
                }
            }
        }
        alt?.Finish();
    }

    /// <summary>Moves the accumulated bytes into the output sections; call once after every object.</summary>
    public void Finish()
    {
        foreach (var (section, bytes) in _sections.Values)
        {
            section.Data = bytes.ToArray();
            section.Relocations.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        }
    }

    private (ElfSection, MemoryStream) Output(ElfSection like)
    {
        if (_sections.TryGetValue(like.Name, out var existing)) return existing;
        var section = _out.AddSection(new ElfSection(like.Name, like.Type)
        {
            Flags = like.Flags & ~ElfSectionFlags.Group,
            Alignment = like.Alignment,
            EntrySize = like.EntrySize,
        });
        var result = (section, new MemoryStream());
        _sections[like.Name] = result;
        return result;
    }

    /// <summary>
    /// Copies only the pieces of .altinstr_replacement that the kept .altinstructions entries use (the section holds
    /// the replacements of every function in the object; copying it whole would drag in unrelated references).
    /// </summary>
    private sealed class AltReplacementCopy(ObjectCopy copy, ElfObject output, ReferenceResolver resolver)
    {
        private readonly MemoryStream _bytes = new();
        private readonly List<ElfRelocation> _relocations = [];
        private ElfSection? _section;
        private ElfSymbol? _sectionSymbol;

        public (ElfSymbol, long) Copy(SpecialEntry entry, ElfRelocation field)
        {
            var source = field.Symbol.Section!;
            _section ??= output.AddSection(new ElfSection(source.Name, source.Type)
            {
                Flags = source.Flags & ~ElfSectionFlags.Group,
                Alignment = source.Alignment,
            });
            _sectionSymbol ??= output.AddSymbol(new ElfSymbol("") { Binding = ElfSymbolBinding.Local, Type = ElfSymbolType.Section, Section = _section });
            var start = (long)field.Symbol.Value + field.Addend;
            var length = entry.Byte("replacementlen");
            var at = _bytes.Length;
            _bytes.Write(source.Data.AsSpan((int)start, length));
            foreach (var r in source.Relocations.Where(r => (long)r.Offset >= start && (long)r.Offset < start + length))
            {
                var (symbol, addend) = resolver.Resolve(copy, r.Symbol, r.Addend, $"{source.Name}+0x{r.Offset:x}");
                _relocations.Add(new ElfRelocation((ulong)(at + ((long)r.Offset - start)), r.Type, symbol, addend));
            }
            return (_sectionSymbol, at);
        }

        public void Finish()
        {
            if (_section is null) return;
            _section.Data = _bytes.ToArray();
            _section.Relocations.AddRange(_relocations.OrderBy(r => r.Offset));
        }
    }
}
