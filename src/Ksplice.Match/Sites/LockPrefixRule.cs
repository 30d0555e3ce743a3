using Ksplice.Elf.Special;

namespace Ksplice.Match.Sites;

/// <summary>.smp_locks: a lock prefix, which alternatives_smp_unlock() turns into a DS prefix on a uniprocessor.</summary>
internal sealed class LockPrefixRule : ISiteRule
{
    public SitePatchKind Kind => SitePatchKind.LockPrefix;
    public IReadOnlyList<string> Forms { get; } = ["lock", "ds"];

    public string? Accept(SiteCheck site)
    {
        if (site.Length != 1 || site.Pre[0] != 0xf0) return null;
        return site.Running[0] switch
        {
            0xf0 => "lock",
            0x3e => "ds",
            _ => null,
        };
    }
}
