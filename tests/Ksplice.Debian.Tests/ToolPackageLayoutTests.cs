using Ksplice.TestSupport;
using Xunit;

namespace Ksplice.Debian.Tests;

/// <summary>
/// The ksplice tool package as packaging/debian lays it out. bash-completion loads a completion when a command is first
/// completed, by that command's name, so every command name the package links needs a completion file of its own name.
/// </summary>
public sealed class ToolPackageLayoutTests
{
    private const string Binary = "usr/lib/ksplice/ksplice";
    private const string Completions = "usr/share/bash-completion/completions";
    private static readonly string Packaging = Path.Combine(TestPaths.RepositoryRoot, "packaging");

    /// <summary>debian/ksplice.links: what dh_link makes, as (the file, the link that names it).</summary>
    private static IReadOnlyList<(string Source, string Link)> Links() =>
        File.ReadLines(Path.Combine(Packaging, "debian", "ksplice.links"))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length == 2)
            .Select(f => (f[0], f[1])).ToList();

    private static IReadOnlyList<string> CommandNames() =>
        Links().Where(l => l.Source == Binary).Select(l => Path.GetFileName(l.Link)).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void EveryCommandNameButKspliceIsACompletionLinkToKsplicesCompletion()
    {
        Assert.Contains($"bash-completion/ksplice {Completions}/", File.ReadAllText(Path.Combine(Packaging, "debian", "ksplice.install")));
        var linked = Links().Where(l => l.Source == $"{Completions}/ksplice").Select(l => Path.GetFileName(l.Link));

        Assert.Equal(CommandNames().Where(c => c != "ksplice"), linked.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheCompletionRegistersItselfForEveryCommandName()
    {
        var complete = File.ReadLines(Path.Combine(Packaging, "bash-completion", "ksplice"))
            .Select(l => l.Trim()).Single(l => l.StartsWith("complete -F _ksplice ", StringComparison.Ordinal));

        Assert.Equal(CommandNames(), complete.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3..].Order(StringComparer.Ordinal));
    }
}
