using Ksplice.Elf.Model;

namespace Ksplice.Update.Building;

/// <summary>The sections and symbols of one post object copied into update.o, and how to find their copies.</summary>
public sealed class ObjectCopy
{
    private readonly ElfObject _out;
    private readonly Dictionary<ElfSection, ElfSection> _sections = [];
    private readonly Dictionary<ElfSymbol, ElfSymbol> _symbols = [];
    private readonly Dictionary<ElfSection, ElfSymbol> _sectionSymbols = [];

    public ObjectCopy(TargetedDiff diff, ElfObject output)
    {
        Diff = diff;
        _out = output;
    }

    public TargetedDiff Diff { get; }
    public string Target => Diff.Target;

    public ElfSection? Copied(ElfSection postSection) => _sections.GetValueOrDefault(postSection);

    public ElfSymbol CopiedSymbol(ElfSymbol postSymbol) => _symbols[postSymbol];

    /// <summary>The global symbols this object's copied sections define, by name, with their copies.</summary>
    public IEnumerable<KeyValuePair<string, ElfSymbol>> CopiedGlobals =>
        _symbols.Where(p => !p.Key.IsLocal && p.Key.Name.Length > 0).Select(p => KeyValuePair.Create(p.Key.Name, p.Value));

    /// <summary>Copies a post section's header and bytes (not yet its relocations) and the symbols it defines, made local.</summary>
    public ElfSection CopySection(ElfSection post)
    {
        var copy = new ElfSection(post.Name, post.Type)
        {
            Flags = post.Flags & ~ElfSectionFlags.Group,
            Alignment = post.Alignment,
            EntrySize = post.EntrySize,
        };
        if (post.Type == ElfSectionType.NoBits) copy.Size = post.Size;
        else copy.Data = post.Data.ToArray();
        _out.AddSection(copy);
        _sections[post] = copy;
        foreach (var symbol in Diff.Diff.Post.SymbolsIn(post))
        {
            _symbols[symbol] = _out.AddSymbol(new ElfSymbol(symbol.Name)
            {
                Binding = ElfSymbolBinding.Local,
                Type = symbol.Type,
                Size = symbol.Size,
                Value = symbol.Value,
                Visibility = ElfSymbolVisibility.Default,
                Section = copy,
            });
        }
        return copy;
    }

    private readonly Dictionary<ElfSection, AnonymousCodeCopy> _anonymous = [];

    /// <summary>The piecewise copy of an anonymous code section of this object (created on first use).</summary>
    public AnonymousCodeCopy AnonymousCopy(ElfSection source, ElfObject output, ReferenceResolver resolver)
    {
        if (!_anonymous.TryGetValue(source, out var copy))
            _anonymous[source] = copy = new AnonymousCodeCopy(this, output, resolver, source);
        return copy;
    }

    /// <summary>Writes the collected blocks of anonymous code sections; call once the object is done.</summary>
    public void FinishAnonymousCopies()
    {
        foreach (var copy in _anonymous.Values) copy.Finish();
    }

    public ElfSymbol SectionSymbol(ElfSection outSection)
    {
        if (_sectionSymbols.TryGetValue(outSection, out var s)) return s;
        s = _out.AddSymbol(new ElfSymbol("") { Binding = ElfSymbolBinding.Local, Type = ElfSymbolType.Section, Section = outSection });
        _sectionSymbols[outSection] = s;
        return s;
    }
}
