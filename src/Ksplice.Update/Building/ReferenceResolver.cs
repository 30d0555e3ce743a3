using Ksplice.Diff.Model;
using Ksplice.Elf.Model;
using Ksplice.Elf.Sections;
using Ksplice.Package.Manifest;

namespace Ksplice.Update.Building;

/// <summary>
/// Decides what each reference from the copied code becomes in update.o:
/// a symbol copied with its section; an undefined symbol that the module loader resolves (exported in Module.symvers);
/// or a placeholder `__ksplice_sym_N` (SHN_ABS, value filled in by ksplice-apply from what run-pre matching learns).
/// </summary>
public sealed class ReferenceResolver
{
    private readonly ElfObject _out;
    private readonly ExportTable _exports;
    private readonly Dictionary<string, ElfSymbol> _externs = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Scope, string Name), ElfSymbol> _placeholders = new();
    private readonly List<PlaceholderEntry> _entries = [];
    private readonly SortedSet<string> _namespaces = new(StringComparer.Ordinal);

    public ReferenceResolver(ElfObject output, ExportTable exports)
    {
        _out = output;
        _exports = exports;
    }

    private readonly Dictionary<string, ElfSymbol> _copiedGlobals = new(StringComparer.Ordinal);

    public IReadOnlyList<PlaceholderEntry> Placeholders => _entries;

    /// <summary>Global functions and data the update itself carries: references to them by name bind to the copies.</summary>
    public void BindGlobals(IEnumerable<KeyValuePair<string, ElfSymbol>> globals)
    {
        foreach (var (name, symbol) in globals) _copiedGlobals.TryAdd(name, symbol);
    }
    public IReadOnlyList<string> Namespaces => _namespaces.ToList();

    /// <summary>
    /// The update.o symbol and addend for a reference from copied code of <paramref name="context"/> to
    /// <paramref name="symbol"/>+<paramref name="addend"/> in the post object.
    /// </summary>
    public (ElfSymbol Symbol, long Addend) Resolve(ObjectCopy context, ElfSymbol symbol, long addend, string from, int bias = 0, long? blockLength = null)
    {
        if (symbol.Section is { } section && context.Copied(section) is { } outSection)
        {
            return symbol.IsSection
                ? (context.SectionSymbol(outSection), addend)
                : (context.CopiedSymbol(symbol), addend);
        }
        if (symbol.Section is { } anonymous && SectionClassifier.IsAnonymousCode(anonymous.Name))
        {
            var pointed = (long)symbol.Value + addend;
            return context.AnonymousCopy(anonymous, _out, this).Resolve(pointed, pointed + bias, blockLength);
        }
        if (symbol.IsSection)
        {
            (symbol, addend) = NamedSymbolFor(context, symbol, addend, from, bias);
        }
        if (symbol.Section is null)
        {
            if (symbol.IsAbsolute) return (AbsoluteCopy(symbol), addend);
            if (_copiedGlobals.TryGetValue(symbol.Name, out var carried)) return (carried, addend);
            if (_exports.Find(symbol.Name) is { } export)
            {
                if (export.Namespace.Length > 0) _namespaces.Add(export.Namespace);
                return (Extern(symbol.Name), addend);
            }
            var kind = symbol.Type == ElfSymbolType.Object ? PlaceholderKind.Data : PlaceholderKind.Function;
            return (Placeholder(context.Target, "", symbol.Name, context.Target, kind), addend);
        }

        var diff = context.Diff.Diff;
        var pre = diff.PreTwin(symbol)
            ?? throw new UpdateBuildException($"{diff.ObjectPath}: {from} refers to {symbol.Name}, which is neither in the update nor in the original object; report this as a ksplice bug");
        if (pre.Section is { } preSection && SectionClassifier.IsFreedAfterBoot(preSection.Name))
            throw new UpdateBuildException($"{diff.ObjectPath}: {from} refers to {pre.Name} in {preSection.Name}, which the running kernel freed after boot; the patch cannot be applied live");
        if (!symbol.IsLocal && _exports.Find(symbol.Name) is { } exported)
        {
            if (exported.Namespace.Length > 0) _namespaces.Add(exported.Namespace);
            return (Extern(symbol.Name), addend);
        }
        var scope = pre.IsLocal ? diff.ObjectPath : context.Target;
        var dataKind = pre.Type == ElfSymbolType.Function ? PlaceholderKind.Function : PlaceholderKind.Data;
        return (Placeholder(scope, diff.ObjectPath, pre.Name, context.Target, dataKind), addend);
    }

    /// <summary>How far past S + A a relocation of <paramref name="from"/> (a section of <paramref name="obj"/>) points.</summary>
    public static int Bias(ElfObject obj, ElfRelocation r, ElfSection from) => (int)obj.Instructions.AdjustmentOf(from, r);

    /// <summary>A placeholder for a pre symbol by name, used for the old functions the trampolines go into.</summary>
    public ElfSymbol PlaceholderFor(ObjectCopy context, ElfSymbol pre) =>
        Placeholder(pre.IsLocal ? context.Diff.Diff.ObjectPath : context.Target, context.Diff.Diff.ObjectPath, pre.Name, context.Target,
            pre.Type == ElfSymbolType.Function ? PlaceholderKind.Function : PlaceholderKind.Data);

    /// <summary>
    /// Rewrites a section-relative reference to one relative to the named symbol of that section that holds the place
    /// it points at (S + A + <paramref name="bias"/>).
    /// </summary>
    private static (ElfSymbol, long) NamedSymbolFor(ObjectCopy context, ElfSymbol sectionSymbol, long addend, string from, int bias)
    {
        var section = sectionSymbol.Section!;
        var named = context.Diff.Diff.Post.SymbolsIn(section)
            .Where(s => s.Type is ElfSymbolType.Function or ElfSymbolType.Object or ElfSymbolType.NoType && s.Name.Length > 0)
            .ToList();
        if (named.Count == 0)
            throw new UpdateBuildException($"{context.Diff.Diff.ObjectPath}: {from} refers to {section.Name}+0x{addend:x}, which has no symbol to find it by in the running kernel");
        var target = Math.Max(0, addend + bias);
        var best = named.LastOrDefault(s => (long)s.Value <= target) ?? named[0];
        return (best, addend - (long)best.Value);
    }

    private ElfSymbol Extern(string name)
    {
        if (_externs.TryGetValue(name, out var s)) return s;
        s = _out.AddSymbol(new ElfSymbol(name) { Binding = ElfSymbolBinding.Global, Type = ElfSymbolType.NoType });
        _externs[name] = s;
        return s;
    }

    private ElfSymbol AbsoluteCopy(ElfSymbol symbol) =>
        _out.AddSymbol(new ElfSymbol(symbol.Name) { Binding = ElfSymbolBinding.Local, Type = symbol.Type, Value = symbol.Value, SpecialIndex = ElfSectionIndex.Absolute });

    private ElfSymbol Placeholder(string scope, string objectPath, string name, string target, PlaceholderKind kind)
    {
        if (_placeholders.TryGetValue((scope, name), out var s)) return s;
        var placeholder = $"__ksplice_sym_{_entries.Count}";
        s = _out.AddSymbol(new ElfSymbol(placeholder)
        {
            Binding = ElfSymbolBinding.Global,
            Type = ElfSymbolType.NoType,
            SpecialIndex = ElfSectionIndex.Absolute,
        });
        _placeholders[(scope, name)] = s;
        _entries.Add(new PlaceholderEntry(placeholder, name, objectPath, target, kind));
        return s;
    }
}
