using Ksplice.Elf.Special;
using Ksplice.Match.Sites;

namespace Ksplice.Match;

/// <summary>
/// One rule per <see cref="SitePatchKind"/> of the special-section table: which running forms of a site the kernel may
/// have written, in which order the kernel patches (a later pass is the outer site when two sites cover the same bytes),
/// and a name for messages.
/// </summary>
public static class PatchSiteRules
{
    private sealed record Row(ISiteRule Rule, int BootOrder, string Description);

    /// <summary>
    /// Ordered as Linux 6.1 runs them: alternative_instructions() applies paravirt, retpolines, returns, alternatives and
    /// (on one CPU) the lock prefixes; static calls, jump labels and ftrace come later and keep changing at run time.
    /// </summary>
    private static readonly Dictionary<SitePatchKind, Row> Table = new()
    {
        [SitePatchKind.Paravirt] = new(new ParavirtRule(), 1, "paravirt"),
        [SitePatchKind.RetpolineThunk] = new(new RetpolineThunkRule(), 2, "retpoline"),
        [SitePatchKind.ReturnThunk] = new(new ReturnThunkRule(), 3, "return-thunk"),
        [SitePatchKind.Alternative] = new(new AlternativeRule(), 4, "alternative"),
        [SitePatchKind.LockPrefix] = new(new LockPrefixRule(), 5, "lock-prefix"),
        [SitePatchKind.StaticCall] = new(new StaticCallRule(), 6, "static-call"),
        [SitePatchKind.JumpLabel] = new(new JumpLabelRule(), 7, "jump-label"),
        [SitePatchKind.FentryCall] = new(new FentryCallRule(), 8, "fentry"),
    };

    /// <summary>The kinds that have a rule (every kind except <see cref="SitePatchKind.None"/>).</summary>
    public static IReadOnlyCollection<SitePatchKind> Kinds => Table.Keys;

    /// <summary>The names of the legal forms of a kind of site.</summary>
    public static IReadOnlyList<string> Forms(SitePatchKind kind) => Find(kind).Rule.Forms;

    /// <summary>Position of the kind's pass in the kernel's patching order (higher is later).</summary>
    public static int BootOrder(SitePatchKind kind) => Table.TryGetValue(kind, out var row) ? row.BootOrder : 0;

    public static string Describe(SitePatchKind kind) => Table.TryGetValue(kind, out var row) ? row.Description : kind.ToString();

    internal static ISiteRule For(SitePatchKind kind) => Find(kind).Rule;

    private static Row Find(SitePatchKind kind) =>
        Table.TryGetValue(kind, out var row) ? row : throw new ArgumentException($"no patch-site rule for {kind}", nameof(kind));
}
