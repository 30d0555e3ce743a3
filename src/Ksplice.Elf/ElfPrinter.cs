using System.Globalization;
using Ksplice.Elf.Model;

namespace Ksplice.Elf;

/// <summary>Prints an object for people: sections, symbols and relocations, in the spirit of `readelf -W -S -s -r`.</summary>
public static class ElfPrinter
{
    public static void Print(this ElfObject obj, TextWriter w)
    {
        w.WriteLine($"{obj.Origin}: {obj.FileType}, {obj.Sections.Count} sections, {obj.Symbols.Count} symbols");
        w.WriteLine("Sections:");
        w.WriteLine("  [Nr] Name                           Type          Flags    Size     Align Link");
        foreach (var s in obj.Sections.Skip(1))
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  [{s.Index,2}] {s.Name,-30} {s.Type,-13} {FlagString(s.Flags),-8} {s.Size,8:x} {s.Alignment,5} {(s.LinkedSection?.Index ?? (int)s.RawLink)}"));
        }
        w.WriteLine("Symbols:");
        w.WriteLine("   Num: Value            Size Type     Bind   Ndx  Name");
        foreach (var y in obj.Symbols.Skip(1))
        {
            var ndx = y.Section is { } sec ? sec.Index.ToString(CultureInfo.InvariantCulture)
                : y.IsAbsolute ? "ABS" : y.SpecialIndex == ElfSectionIndex.Common ? "COM" : "UND";
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {y.Index,4}: {y.Value:x16} {y.Size,5} {y.Type,-8} {y.Binding,-6} {ndx,4} {y}"));
        }
        foreach (var s in obj.Sections.Where(s => s.Relocations.Count > 0))
        {
            w.WriteLine($"Relocations for {s.Name} ({s.Relocations.Count}):");
            foreach (var r in s.Relocations) w.WriteLine("  " + r);
        }
    }

    public static string FlagString(ElfSectionFlags f)
    {
        var chars = new List<char>();
        if (f.HasFlag(ElfSectionFlags.Write)) chars.Add('W');
        if (f.HasFlag(ElfSectionFlags.Alloc)) chars.Add('A');
        if (f.HasFlag(ElfSectionFlags.Execute)) chars.Add('X');
        if (f.HasFlag(ElfSectionFlags.Merge)) chars.Add('M');
        if (f.HasFlag(ElfSectionFlags.Strings)) chars.Add('S');
        if (f.HasFlag(ElfSectionFlags.InfoLink)) chars.Add('I');
        if (f.HasFlag(ElfSectionFlags.LinkOrder)) chars.Add('L');
        if (f.HasFlag(ElfSectionFlags.Group)) chars.Add('G');
        if (f.HasFlag(ElfSectionFlags.Exclude)) chars.Add('E');
        return new string(chars.ToArray());
    }
}
