using Ksplice.Elf.Model;
using Ksplice.Elf.Special;
using Ksplice.Package.Manifest;

namespace Ksplice.Apply.Applying;

/// <summary>
/// The static keys and static calls of absent targets that the update module's own tables name (__jump_table,
/// .static_call_sites: the special sections whose entries have a key field). The module loader registers every entry of
/// those tables with its key when the update module loads, whether or not the code the entry belongs to will ever run,
/// so a key in a module that is not loaded (a placeholder left 0 by --partial) would be dereferenced at load.
/// Such keys are bound instead to an inert key the update module defines for each table (kmod/update/main.c): the
/// entries then belong to a key of the update module itself, and the code they sit in is never run, since its function
/// is not patched while its target is absent and the core refuses that target's load while the update is applied.
/// </summary>
public static class AbsentTargetKeys
{
    /// <summary>Each table with key fields, and the update module's own inert key of that type.</summary>
    private static readonly Dictionary<string, string> InertKeys = new(StringComparer.Ordinal)
    {
        ["__jump_table"] = "ksplice_inert_static_key",
        [".static_call_sites"] = "ksplice_inert_static_call_key",
    };

    public static IReadOnlyList<AbsentTargetKey> Find(ElfObject module, UpdateManifest manifest, IReadOnlySet<string> absent)
    {
        var placeholders = manifest.Symbols.Where(s => absent.Contains(s.Target)).ToDictionary(s => s.Placeholder, StringComparer.Ordinal);
        if (placeholders.Count == 0) return [];
        var found = new List<AbsentTargetKey>();
        foreach (var section in module.Sections)
        {
            if (SpecialSections.Find(section.Name) is not { } kind || !kind.Fields.Any(f => f.Role == FieldRole.Key)) continue;
            foreach (var r in section.Relocations)
                if (placeholders.TryGetValue(r.Symbol.Name, out var entry) && !found.Any(k => k.Placeholder == entry && k.Table == section.Name))
                    found.Add(new AbsentTargetKey(entry, section.Name));
        }
        return found;
    }

    /// <summary>
    /// Placeholder name to the inert key it is bound to, for every key of <paramref name="keys"/>; null when the module
    /// has no inert key for one of them (made before they existed) or one placeholder is the key of two kinds of table.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? InertBinding(ElfObject module, IReadOnlyList<AbsentTargetKey> keys)
    {
        var binding = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!InertKeys.TryGetValue(key.Table, out var inert)) return null;
            if (module.FindSymbols(inert).SingleOrDefault() is not { Section: not null }) return null;
            if (binding.TryGetValue(key.Placeholder.Placeholder, out var bound) && bound != inert) return null;
            binding[key.Placeholder.Placeholder] = inert;
        }
        return binding;
    }
}

/// <summary>A placeholder of an absent target that is the key of entries in <see cref="Table"/>.</summary>
public sealed record AbsentTargetKey(PlaceholderEntry Placeholder, string Table);
