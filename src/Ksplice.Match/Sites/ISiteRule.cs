using Ksplice.Elf.Special;

namespace Ksplice.Match.Sites;

/// <summary>
/// The legal running forms of one kind of patch site: what the kernel may have written there at boot (or since, for
/// ftrace, jump labels and static calls), and nothing else.
/// </summary>
internal interface ISiteRule
{
    SitePatchKind Kind { get; }

    /// <summary>The names of the forms, for messages.</summary>
    IReadOnlyList<string> Forms { get; }

    /// <summary>The name of the form the running bytes are in, or null when they are in none.</summary>
    string? Accept(SiteCheck site);
}
