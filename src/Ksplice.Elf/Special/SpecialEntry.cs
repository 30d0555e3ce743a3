using Ksplice.Elf.Model;

namespace Ksplice.Elf.Special;

/// <summary>One entry of a special section, split out by <see cref="SpecialSectionReader"/>.</summary>
public sealed record SpecialEntry(SpecialSectionKind Kind, ElfSection Section, int Index, int Offset, int Length, IReadOnlyList<FieldReference> Fields)
{
    public FieldReference? Site => Fields.FirstOrDefault(f => f.Field.Role == FieldRole.Site);
    public FieldReference? Target => Fields.FirstOrDefault(f => f.Field.Role == FieldRole.Target);
    public FieldReference? Key => Fields.FirstOrDefault(f => f.Field.Role == FieldRole.Key);

    /// <summary>A byte field named in the table (e.g. "instrlen"), read from the entry.</summary>
    public byte Byte(string name) => Section.Data[Offset + Kind.ByteFields[name]];

    /// <summary>The length of the code the kernel may rewrite at the site, for kinds that record it.</summary>
    public int SiteLength => Kind.Patch switch
    {
        SitePatchKind.Paravirt => Byte("len"),
        SitePatchKind.Alternative => Byte("instrlen"),
        SitePatchKind.LockPrefix => 1,
        SitePatchKind.FentryCall or SitePatchKind.ReturnThunk or SitePatchKind.StaticCall => 5,
        _ => 0,
    };

    public ReadOnlySpan<byte> Bytes => Section.Data.AsSpan(Offset, Length);
}
