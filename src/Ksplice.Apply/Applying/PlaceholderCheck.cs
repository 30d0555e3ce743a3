using Ksplice.Elf.Model;
using Ksplice.Package;
using Ksplice.Package.Manifest;

namespace Ksplice.Apply.Applying;

/// <summary>
/// Before anything is matched or loaded, the update module and its manifest must name the same placeholders, since
/// every placeholder must receive a value. Each one the manifest lists must be a single absolute symbol of the module
/// (and each <c>expectSymbol</c> a single symbol defined in a section), or specialisation has nowhere to write it; each
/// absolute placeholder of the module must be listed, or nothing gives it a value and it stays 0, and the core silently
/// skips a function whose old address is 0. Either mismatch is a tarball that is corrupt or was not made by
/// ksplice-create: <see cref="InvalidUpdateException"/>.
/// </summary>
public static class PlaceholderCheck
{
    /// <summary>The placeholders ksplice-create writes into the update module, by name prefix, and where the manifest lists them.</summary>
    private static readonly (string Prefix, Func<UpdateManifest, IEnumerable<string>> Listed)[] Kinds =
    [
        ("__ksplice_sym_", m => m.Symbols.Select(s => s.Placeholder)),
        ("__ksplice_size_", m => m.Patches.Select(p => p.SizeSymbol)),
    ];

    /// <summary>Throws <see cref="InvalidUpdateException"/> naming every mismatch; <paramref name="update"/> is the tarball as given.</summary>
    public static void Check(string update, UpdateManifest manifest, ElfObject module)
    {
        var byName = module.Symbols.Where(s => s.Name.Length > 0).ToLookup(s => s.Name, StringComparer.Ordinal);
        var listed = Kinds.SelectMany(k => k.Listed(manifest)).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var name in listed.Order(StringComparer.Ordinal))
            if (Problem(name, byName[name].ToList(), s => s.IsAbsolute, "an absolute symbol of the module") is { } problem) problems.Add(problem);
        foreach (var name in manifest.Patches.Select(p => p.ExpectSymbol).Distinct().Order(StringComparer.Ordinal))
            if (Problem(name, byName[name].ToList(), s => s.Section is not null, "a symbol defined in one of the module's sections") is { } problem) problems.Add(problem);

        var unlisted = module.Symbols
            .Where(s => s.IsAbsolute && Kinds.Any(k => s.Name.StartsWith(k.Prefix, StringComparison.Ordinal)) && !listed.Contains(s.Name))
            .Select(s => s.Name).Distinct().Order(StringComparer.Ordinal).ToList();
        if (unlisted.Count > 0)
            problems.Add($"the module has placeholders the manifest does not list ({string.Join(", ", unlisted)}), which nothing would give a value");

        if (problems.Count > 0)
            throw new InvalidUpdateException($"{update}: the update module does not match its manifest: {string.Join("; ", problems)}; the tarball is corrupt or was not made by ksplice-create");
    }

    private static string? Problem(string name, List<ElfSymbol> found, Func<ElfSymbol, bool> isRight, string right) => found.Count switch
    {
        0 => $"the manifest names {name}, which the module lacks",
        1 when isRight(found[0]) => null,
        1 => $"the manifest names {name}, which is not {right}",
        _ => $"the manifest names {name}, which the module defines {found.Count} times",
    };
}
