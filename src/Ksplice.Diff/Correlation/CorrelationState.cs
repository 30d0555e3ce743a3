using Ksplice.Diff.Indexing;
using Ksplice.Diff.Model;
using Ksplice.Elf.Model;

namespace Ksplice.Diff.Correlation;

/// <summary>
/// The twins found so far (post symbol to pre symbol and back) and the refusals for ambiguous names. Rules add pairs in
/// order; a symbol is paired at most once, and a later rule only sees what earlier rules left.
/// </summary>
public sealed class CorrelationState(string objectPath, DiffIndex pre, DiffIndex post)
{
    private readonly Dictionary<ElfSymbol, ElfSymbol> _postToPre = [];
    private readonly Dictionary<ElfSymbol, ElfSymbol> _preToPost = [];
    private readonly Dictionary<ElfSymbol, string> _rules = [];
    private readonly HashSet<ElfSymbol> _ambiguous = [];
    private readonly HashSet<ElfSymbol> _candidates = [];
    private readonly List<Refusal> _refusals = [];
    private readonly Dictionary<ElfSection, ElfSection> _sections = [];
    private readonly HashSet<ElfSymbol> _byContent = [];

    public string ObjectPath { get; } = objectPath;
    public DiffIndex Pre { get; } = pre;
    public DiffIndex Post { get; } = post;

    public IReadOnlyDictionary<ElfSymbol, ElfSymbol> PostToPre => _postToPre;

    /// <summary>
    /// The FILE a post local belongs to, named as in the pre object: equal names are twins, and so are the only FILE
    /// symbols of the two objects (the compiler saw a differently named copy of the same source).
    /// </summary>
    public string FileOf(DiffIndex side, ElfSymbol s)
    {
        var file = side.FileOf(s);
        if (side == Pre || Pre.Files.Contains(file)) return file;
        return Pre.Files.Count == 1 && Post.Files.Count == 1 && file == Post.Files[0] ? Pre.Files[0] : file;
    }
    public IReadOnlyList<Refusal> Refusals => _refusals;

    /// <summary>Which rule paired each post symbol (for -v output).</summary>
    public IReadOnlyDictionary<ElfSymbol, string> Rules => _rules;

    public ElfSymbol? PreTwin(ElfSymbol post) => _postToPre.GetValueOrDefault(post);
    public ElfSymbol? PostTwin(ElfSymbol pre) => _preToPost.GetValueOrDefault(pre);
    public bool IsPaired(ElfSymbol s) => _postToPre.ContainsKey(s) || _preToPost.ContainsKey(s);

    /// <summary>Post sections paired with pre sections (by the symbols they define, or by a unique name).</summary>
    public IReadOnlyDictionary<ElfSection, ElfSection> SectionTwins => _sections;

    public void PairSections(ElfSection post, ElfSection pre) => _sections.TryAdd(post, pre);

    /// <summary>
    /// Read-only symbols left without a twin because several were alike (static <c>const</c> tables of one function):
    /// the update may use its own copy, so references to them compare by content, as for never-correlated symbols.
    /// </summary>
    public bool IsCopiedByContent(ElfSymbol s) => _byContent.Contains(s);

    public void CopyByContent(IEnumerable<ElfSymbol> symbols) => _byContent.UnionWith(symbols);

    /// <summary>
    /// True for a post symbol whose twin could not be decided (it is refused, not reported as new), and for the pre
    /// symbols it might have been (not reported as removed).
    /// </summary>
    public bool IsAmbiguous(ElfSymbol s) => _ambiguous.Contains(s) || _candidates.Contains(s);

    /// <summary>Unpaired symbols a rule may still consider (never-correlated ones excluded).</summary>
    public IEnumerable<ElfSymbol> Open(DiffIndex side) =>
        side.Object.Symbols.Where(s => !IsPaired(s) && !_ambiguous.Contains(s) && !_byContent.Contains(s) && !NeverCorrelate.Applies(side, s));

    public void Pair(ElfSymbol post, ElfSymbol pre, string rule)
    {
        if (IsPaired(post) || IsPaired(pre))
            throw new InvalidOperationException($"{ObjectPath}: {post} or {pre} is already paired (rule {rule}); a rule must only pair open symbols");
        _postToPre[post] = pre;
        _preToPost[pre] = post;
        _rules[post] = rule;
    }

    /// <summary>Records that <paramref name="post"/> has several possible twins and none can be chosen.</summary>
    public void Ambiguous(ElfSymbol post, IEnumerable<ElfSymbol> candidates, string why)
    {
        if (!_ambiguous.Add(post)) return;
        var list = candidates.ToList();
        _candidates.UnionWith(list.Where(c => !IsPaired(c)));
        candidates = list;
        var names = string.Join(", ", candidates.Select(c => c.Name).Order(StringComparer.Ordinal));
        _refusals.Add(new Refusal(ObjectPath, post.Name, RefusalReason.AmbiguousCorrelation,
            $"candidates in the original object: {names}; {why}"));
    }
}
