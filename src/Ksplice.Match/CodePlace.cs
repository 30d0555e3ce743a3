using Ksplice.Elf.Model;

namespace Ksplice.Match;

/// <summary>
/// Where something was seen: a place in a pre object's section (printed as <c>sym+0xoff</c>, objtool style), or a
/// description such as "kallsyms". Formatting is deferred because places are recorded for every relocated field.
/// </summary>
public sealed class CodePlace
{
    private CodePlace(string objectPath, ElfObject? obj, ElfSection? section, ulong offset, string? note)
    {
        ObjectPath = objectPath;
        Object = obj;
        Section = section;
        Offset = offset;
        Note = note;
    }

    public string ObjectPath { get; }
    public ElfObject? Object { get; }
    public ElfSection? Section { get; }
    public ulong Offset { get; }
    public string? Note { get; }

    public static CodePlace In(string objectPath, ElfObject obj, ElfSection section, ulong offset, string? note = null) =>
        new(objectPath, obj, section, offset, note);

    public static CodePlace Other(string description) => new("", null, null, 0, description);

    /// <summary>"sym+0xoff" (without the object).</summary>
    public string Symbolic => Object is not null && Section is not null ? Object.Describe(Section, Offset) : Note ?? "";

    public override string ToString() =>
        Section is null ? Note ?? "" : $"{Symbolic}{(Note is null ? "" : " " + Note)} in {ObjectPath}";
}
