using System.Diagnostics;
using Ksplice.Diff;
using Ksplice.Diff.Model;
using Ksplice.Elf.IO;
using Ksplice.Elf.Model;
using Ksplice.Source;
using Ksplice.Source.Affected;
using Ksplice.Source.Config;
using Ksplice.Source.Kbuild;
using Ksplice.Source.Patches;
using Ksplice.Source.Process;
using Ksplice.Source.Toolchain;
using Ksplice.Source.Trees;
using Ksplice.Types;
using Ksplice.Update.Building;
using Ksplice.Update.Manifest;
using Ksplice.Update.Packaging;

namespace Ksplice.Update.Creation;

/// <summary>
/// ksplice-create from end to end: prepare the tree, apply the change to the post tree, build the affected objects in
/// both trees, diff them, build the update and core modules and write ksplice-&lt;id&gt;.tar.gz.
/// </summary>
public sealed class UpdateCreator(IProcessRunner runner, ICreateProgress progress)
{
    public static string ToolVersion => "ksplice " + (typeof(UpdateCreator).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    public CreateResult Create(CreateRequest request)
    {
        var clock = Stopwatch.StartNew();
        if (!Directory.Exists(request.KernelSource))
            throw new KspliceSourceException($"{request.KernelSource}: no such directory; KERNEL_SOURCE must be the running kernel's source tree (e.g. /usr/src/linux-source-6.1 extracted)");
        var source = SourceTree.Open(request.KernelSource);
        var configDir = ConfigDir.Open(request.ConfigDir ?? ConfigDir.DefaultPath(source.Path));
        var compiler = CompilerCheck.Check(runner, configDir.Config);
        var headers = configDir.ResolveHeaders();
        var kbuild = new KbuildDriver(runner, KbuildOptions.For(compiler, headers, JobCount.Resolve(request.Jobs, Environment.GetEnvironmentVariable("CONCURRENCY_LEVEL"))));
        progress.Detail($"kernel {headers.Release}, compiler {compiler.VersionText}, {kbuild.Options.Jobs} jobs");

        progress.Step("Preparing the kernel tree (olddefconfig, modules_prepare)");
        var prepared = source.Prepare(configDir, headers.ModuleSymversPath, kbuild);
        progress.Detail(prepared.AlreadyPrepared ? "tree already prepared" : $"tree prepared in {prepared.Elapsed.TotalSeconds:0.0} s");

        var postDir = Path.GetFullPath(request.PostDir ?? PostTree.DefaultPath(configDir.Path));
        var excluded = new[] { configDir.Path, postDir };
        if (request.Source == PatchSource.Prebuild)
        {
            progress.Step("Setting up the post tree");
            PostTree.Open(source, postDir, runner, excluded, out var created);
            progress.Detail(created.Created ? $"post tree created in {created.Elapsed.TotalSeconds:0.0} s" : "post tree reset");
            return new CreateResult(CreateOutcome.Prepared);
        }

        var patch = request.Source switch
        {
            PatchSource.PatchFile => PatchFileInput.Load(request.PatchFile!, request.PatchOptions),
            PatchSource.DiffExt => DiffExtInput.Load(source.Path, request.DiffExt!, runner, excluded),
            PatchSource.Git => GitInput.Load(source.Path, request.GitCommit!, request.Series, runner),
            _ => throw new ArgumentOutOfRangeException(nameof(request)),
        };
        progress.Detail($"patch touches {patch.Files.Count} file(s): {string.Join(", ", patch.Files.Select(f => f.Path))}");

        var membership = new KbuildMembership(source.Path, runner, Path.Combine(configDir.Path, "cache"));
        var finder = new AffectedObjectsFinder(membership, () => IncludeIndex.Load(source.Path, membership.Arch.SrcArch,
            Path.Combine(configDir.Path, "cache", "include-index.txt"), [Path.GetRelativePath(source.Path, configDir.Path)]));
        var affected = finder.Find(patch);
        foreach (var note in affected.Notes) progress.Detail(note);
        membership.SaveCache();
        if (affected.Refusals.Count > 0)
            return new CreateResult(CreateOutcome.Refused) { Refusals = affected.Refusals.Select(r => r.ToString()).ToList() };
        if (affected.Objects.Count == 0)
            return new CreateResult(CreateOutcome.NoChanges);

        progress.Step("Applying the patch to the post tree");
        var post = PostTree.Open(source, postDir, runner, excluded, out _);
        var touched = PatchApplier.Apply(post, patch, runner, progress.Warning);
        post.RecordTouched(touched);
        var withDirectives = LineDirectives.Apply(source.Path, post.Path, patch.Files);
        if (withDirectives > 0) progress.Detail($"#line directives keep the original line numbers in {withDirectives} file(s)");

        var objects = affected.ObjectPaths;
        foreach (var header in affected.Headers)
            progress.Step($"{header.Header} is included by {header.Built} object(s) this kernel builds ({header.Candidates} candidates from #include lines)");
        progress.Step($"Building {objects.Count} object(s) in the original tree");
        var preCommands = kbuild.BuildObjects(source.Path, objects).ToDictionary(c => c.Target);
        if (affected.NeedsConfirmation)
        {
            affected = affected.Confirm(preCommands);
            objects = affected.ObjectPaths;
            progress.Detail($"{objects.Count} object(s) really depend on the changed header(s)");
            if (objects.Count == 0) return new CreateResult(CreateOutcome.NoChanges);
        }
        progress.Step($"Building {objects.Count} object(s) in the patched tree");
        kbuild.BuildObjects(post.Path, objects);

        progress.Step("Comparing the objects");
        var diffs = new List<TargetedDiff>();
        var typeChecks = new List<TypeCheckResult>();
        foreach (var o in affected.Objects.Where(o => objects.Contains(o.Object)))
        {
            var pre = ElfReader.ReadFile(source.FullPath(o.Object));
            var postObject = ElfReader.ReadFile(post.FullPath(o.Object));
            var diff = ObjectDiffer.Compare(o.Object, pre, postObject);
            foreach (var line in ObjectDiffPrinter.Print(diff)) progress.Detail(line);
            if (diff.HasChanges) diffs.Add(new TargetedDiff(diff, o.Target.TargetName!));
            typeChecks.Add(TypeChangeCheck.Check(new TypeCheckRequest(o.Object, source.FullPath(o.Object), post.FullPath(o.Object))
            {
                ReplacedFunctions = diff.Changed.Select(f => f.Pre!.Name).ToList(),
                NewFunctions = diff.Added.Select(f => f.Name).ToList(),
                AllowedTypes = request.AllowedTypeChanges,
            }));
        }
        var refusals = diffs.SelectMany(d => d.Diff.Refusals).Select(r => r.ToString())
            .Concat(TypeRefusalMerger.Messages(typeChecks.SelectMany(t => t.Refusals))).ToList();
        var allowedTypeChanges = AllowedTypeChanges.DescriptionLines(typeChecks.SelectMany(t => t.Allowed).Select(a => a.Name));
        foreach (var line in allowedTypeChanges) progress.Warning(line);
        if (refusals.Count > 0)
            return new CreateResult(CreateOutcome.Refused) { Refusals = refusals, Diffs = diffs.Select(d => d.Diff).ToList() };
        if (diffs.Count == 0 || diffs.All(d => !d.Diff.Changed.Any() && !d.Diff.Added.Any() && d.Diff.Data.Count == 0))
            return new CreateResult(CreateOutcome.NoChanges) { Diffs = diffs.Select(d => d.Diff).ToList() };

        var id = request.Id ?? UpdateId.NewRandom();
        if (!UpdateId.IsValid(id)) throw new UpdateBuildException($"--id={id}: an update id is 1 to 32 characters of [a-z0-9_]");
        progress.Step("Building the update module");
        var update = UpdateObjectBuilder.Build(diffs, ExportTable.Load(headers.ModuleSymversPath));
        if (update.Patches.Count == 0 && update.Functions.Count > 0)
            progress.Warning("the patch only adds code that nothing in the running kernel calls; the update changes no behaviour");

        var work = Directory.CreateTempSubdirectory($"ksplice-create-{id}-").FullName;
        try
        {
            var modules = new ModuleBuilder(kbuild, headers);
            var (coreKo, coreSymvers) = modules.BuildCore(work);
            var updateKo = modules.BuildUpdate(id, update, Path.Combine(work, "update"), coreSymvers);

            var manifest = new UpdateManifest
            {
                Id = id,
                Description = string.Join('\n', allowedTypeChanges.Append(request.Description ?? DescribePatch(patch))),
                Created = DateTimeOffset.UtcNow,
                Tool = ToolVersion,
                Kernel = new KernelIdentity(headers.Release, headers.Version ?? "", compiler.VersionText),
                Targets = diffs.GroupBy(d => d.Target).Select(g => new TargetEntry(g.Key, g.Select(d => d.Diff.ObjectPath).ToList())).ToList(),
                Functions = update.Functions,
                Data = update.Data,
                Symbols = update.Placeholders,
                Patches = update.Patches.Select(p => new PatchEntry(p.Index, p.Name, p.Object, p.Target, p.OldPlaceholder,
                    p.PreSection, p.PreSize, p.ExpectSymbol, p.TrampolineOffset) { SizeSymbol = p.SizeSymbol }).ToList(),
            };
            var package = Path.Combine(work, $"ksplice-{id}");
            Directory.CreateDirectory(package);
            File.WriteAllText(Path.Combine(package, UpdatePackage.ManifestFile), ManifestJson.Serialize(manifest));
            File.WriteAllText(Path.Combine(package, "patch"), patch.Text);
            File.WriteAllText(Path.Combine(package, "description"), manifest.Description + "\n");
            File.Copy(updateKo, Path.Combine(package, manifest.Module));
            File.Copy(coreKo, Path.Combine(package, UpdateManifest.CoreModule));
            foreach (var d in diffs)
            {
                var destination = Path.Combine(package, "pre", d.Diff.ObjectPath);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                ElfWriter.WriteFile(WithoutDebugInfo(ElfReader.ReadFile(source.FullPath(d.Diff.ObjectPath))), destination);
            }
            Directory.CreateDirectory(request.OutputDirectory);
            var tarball = Path.Combine(request.OutputDirectory, $"ksplice-{id}.tar.gz");
            UpdateTarball.Write(package, tarball);
            progress.Detail($"created in {clock.Elapsed.TotalSeconds:0.0} s");
            return new CreateResult(CreateOutcome.Created) { Tarball = tarball, Manifest = manifest, Diffs = diffs.Select(d => d.Diff).ToList() };
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
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
