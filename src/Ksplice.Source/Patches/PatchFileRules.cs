namespace Ksplice.Source.Patches;

/// <summary>The table that classifies touched files; the first matching row wins.</summary>
public static class PatchFileRules
{
    private static string Name(string path) => Path.GetFileName(path);

    private static bool NameStarts(string path, params string[] prefixes) => prefixes.Any(p => Name(path).StartsWith(p, StringComparison.Ordinal));

    private static bool EndsWith(string path, params string[] suffixes) => suffixes.Any(s => path.EndsWith(s, StringComparison.Ordinal));

    private static bool Under(string path, params string[] dirs) => dirs.Any(d => path.StartsWith(d, StringComparison.Ordinal));

    public static IReadOnlyList<PatchFileRule> Rules { get; } =
    [
        new(PatchFileKind.BuildFile, "Makefile*, Kbuild*, Kconfig*, *.mk", p => NameStarts(p, "Makefile", "Kbuild", "Kconfig") || EndsWith(p, ".mk")),
        new(PatchFileKind.LinkerScript, "*.lds, *.lds.S, *.lds.h", p => EndsWith(p, ".lds", ".lds.S", ".lds.h")),
        new(PatchFileKind.Documentation, "Documentation/, *.rst, *.txt, *.md, README, MAINTAINERS, CREDITS, COPYING, LICENSES/",
            p => Under(p, "Documentation/", "LICENSES/") || EndsWith(p, ".rst", ".txt", ".md") || Name(p) is "README" or "MAINTAINERS" or "CREDITS" or "COPYING" or ".mailmap" or ".gitignore"),
        new(PatchFileKind.HostTool, "tools/, scripts/", p => Under(p, "tools/", "scripts/")),
        new(PatchFileKind.Source, "*.c, *.S", p => EndsWith(p, ".c", ".S")),
        new(PatchFileKind.Header, "*.h", p => EndsWith(p, ".h")),
        new(PatchFileKind.Unknown, "anything else", _ => true),
    ];

    public static PatchFileKind Classify(string path) => Rules.First(r => r.Test(path)).Kind;
}
