using Ksplice.Abi;
using Ksplice.Elf.IO;
using Ksplice.Elf.Model;
using Ksplice.Package;
using Ksplice.Package.Manifest;
using Ksplice.Source.Patches;
using Ksplice.Update.Building;

namespace Ksplice.Update.Creation;

/// <summary>Writes ksplice-&lt;id&gt;.tar.gz: the manifest, the patch, the description, the update module (signed when
/// asked) and the pre objects without their debug sections. The core module is not shipped: apply loads the one
/// installed on the target.</summary>
public static class WritePackageStep
{
    public static WrittenPackage Run(CreateContext context, SourcePatch patch, IReadOnlyList<TargetedDiff> diffs,
        BuiltUpdateObject built, BuiltModules modules, string work, IReadOnlyList<string> allowedTypeWarnings)
    {
        var (id, update) = built;
        var manifest = new UpdateManifest
        {
            Id = id,
            Description = string.Join('\n', allowedTypeWarnings.Append(context.Request.Description ?? DescribePatch(patch))),
            Created = DateTimeOffset.UtcNow,
            Tool = UpdateCreator.ToolVersion,
            Kernel = new KernelIdentity(context.Headers.Release, context.Headers.Version ?? "", context.Compiler.VersionText),
            Targets = diffs.GroupBy(d => d.Target).Select(g => new TargetEntry(g.Key, g.Select(d => d.Diff.ObjectPath).ToList())).ToList(),
            Functions = update.Functions,
            Data = update.Data,
            Hooks = update.Hooks.Select(h => new HookEntry(HookKinds.All[(int)h.Kind].Name, h.Function, h.Object)).ToList(),
            Escapes = update.Escapes,
            Symbols = update.Placeholders,
            Patches = update.Patches.Select(p => new PatchEntry(p.Index, p.Name, p.Object, p.Target, p.OldPlaceholder,
                p.PreSection, p.PreSize, p.ExpectSymbol, p.TrampolineOffset) { SizeSymbol = p.SizeSymbol }).ToList(),
        };
        var writer = new UpdatePackageWriter(manifest)
            .Patch(patch.Bytes)
            .Description(manifest.Description + "\n")
            .Module(modules.UpdateModule);
        foreach (var d in diffs)
        {
            var stripped = Path.Combine(work, "pre", d.Diff.ObjectPath);
            Directory.CreateDirectory(Path.GetDirectoryName(stripped)!);
            ElfWriter.WriteFile(WithoutDebugInfo(ElfReader.ReadFile(context.Source.FullPath(d.Diff.ObjectPath))), stripped);
            writer.PreObject(d.Diff.ObjectPath, stripped);
        }
        Directory.CreateDirectory(context.Request.OutputDirectory);
        var tarball = Path.Combine(context.Request.OutputDirectory, PackageLayout.TarballName(id));
        return new WrittenPackage(tarball, writer.Write(tarball));
    }

    /// <summary>The pre object as the matcher needs it: everything but DWARF, which is most of its size.</summary>
    public static ElfObject WithoutDebugInfo(ElfObject obj)
    {
        obj.RemoveSections(obj.Sections.Where(s => s.Name.StartsWith(".debug_", StringComparison.Ordinal)).ToList());
        return obj;
    }

    private static string DescribePatch(SourcePatch patch)
    {
        var subject = patch.Text.Split('\n').FirstOrDefault(l => l.StartsWith("Subject: ", StringComparison.Ordinal));
        return subject is not null ? subject["Subject: ".Length..].Trim() : "Patch to " + string.Join(", ", patch.Files.Select(f => f.Path));
    }
}
