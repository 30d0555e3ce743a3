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
                    long? length = field.Field.Role == FieldRole.Target && entry.Kind.ByteFields.ContainsKey("replacementlen")
                        ? entry.Byte("replacementlen") : null;
                    var (symbol, addend) = _resolver.Resolve(copy, r.Symbol, r.Addend, from, 0, length);
                    outSection.Relocations.Add(new ElfRelocation((ulong)at + (ulong)field.Field.Offset, r.Type, symbol, addend));
                }
                if (parallel is not null)
                {
                    var (_, parallelBytes) = Output(parallel);
                    parallelBytes.Write(parallel.Data.AsSpan(entry.Index * kind.ParallelEntrySize, kind.ParallelEntrySize));
                }
            }
        }
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
}
