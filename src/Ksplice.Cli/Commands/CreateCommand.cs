using System.CommandLine;
using Ksplice.Elf.IO;
using Ksplice.Source;
using Ksplice.Source.Kbuild;
using Ksplice.Source.Patches;
using Ksplice.Source.Process;
using Ksplice.Source.Toolchain;
using Ksplice.Package;
using Ksplice.Package.Manifest;
using Ksplice.Update.Building;
using Ksplice.Update.Creation;
using Ksplice.Update.Signing;
using Ksplice.Elf.Modules;

namespace Ksplice.Cli.Commands;

/// <summary>ksplice-create [OPTIONS] [--sign-key=KEY --sign-cert=CERT] (--patch=F | --diffext=EXT | --git=COMMIT | --prebuild) KERNEL_SOURCE</summary>
public static class CreateCommand
{
    public static Command Build(CommandContext context)
    {
        var source = new Argument<string>("KERNEL_SOURCE") { Description = "the running kernel's source tree" };
        var patch = new Option<string>("--patch") { Description = "build the update from this patch(1) file", HelpName = "PATCH_FILE" };
        var diffext = new Option<string>("--diffext") { Description = "build the update from every FILE.EXT in the tree against FILE", HelpName = "EXTENSION" };
        var git = new Option<string>("--git") { Description = "build the update from `git diff refs/ksplice/pre COMMIT`", HelpName = "COMMIT" };
        var prebuild = new Option<bool>("--prebuild") { Description = "only prepare the tree (and the post tree) for later updates" };
        var series = new Option<bool>("--series") { Description = "take the tree's current state (or HEAD, with --git) as the original source" };
        var config = new Option<string>("--config") { Description = "directory with the running kernel's .config (default KERNEL_SOURCE/ksplice)", HelpName = "ORIG_CONFIG" };
        var postdir = new Option<string>("--postdir") { Description = "directory dedicated to the patched tree (default ORIG_CONFIG/post)", HelpName = "DIRECTORY" };
        var patchOpt = new Option<string[]>("--patch-opt") { Description = "options for patch(1), repeatable (default -p1)", HelpName = "OPTIONS", AllowMultipleArgumentsPerToken = false };
        var id = new Option<string>("--id") { Description = "the update's identifier (default: 8 random characters)", HelpName = "ID" };
        var jobs = new Option<int?>("--jobs", "-j") { Description = "parallel build jobs (default $CONCURRENCY_LEVEL or the number of CPUs)", HelpName = "JOBS" };
        var description = new Option<string>("--description") { Description = "text shown by ksplice-view", HelpName = "TEXT" };
        var apply = new Option<bool>("--apply") { Description = "apply the update right after creating it" };
        var allowTypeChange = new Option<string[]>("--allow-type-change")
        {
            Description = "allow this refused type change (e.g. 'struct foo'), made safe by the update with shadow data or hooks; repeatable",
            HelpName = "NAME", AllowMultipleArgumentsPerToken = false,
        };
        var signKey = new Option<string>("--sign-key") { Description = "sign the update module with this private key (PEM) using the kernel's scripts/sign-file (needs --sign-cert)", HelpName = "KEY" };
        var signCert = new Option<string>("--sign-cert") { Description = "the X.509 certificate of --sign-key", HelpName = "CERT" };
        var command = new Command("create", "Create a rebootless update (ksplice-ID.tar.gz) from a kernel source patch")
        {
            source, patch, diffext, git, prebuild, series, config, postdir, patchOpt, id, jobs, description, apply, allowTypeChange,
            signKey, signCert, CommandTable.VerboseOption(),
        };
        command.SetAction(r =>
        {
            var chosen = new[] { r.GetValue(patch) is not null, r.GetValue(diffext) is not null, r.GetValue(git) is not null, r.GetValue(prebuild) }.Count(b => b);
            if (chosen != 1)
                return context.Fail("create", "give exactly one of --patch=PATCH_FILE, --diffext=EXTENSION, --git=COMMIT or --prebuild", ExitCodes.Usage);
            if (r.GetValue(id) is { } givenId && !UpdateId.IsValid(givenId))
                return context.Fail("create", $"--id={TerminalTextWriter.Clean(givenId)}: an update id is {UpdateId.Rule}", ExitCodes.Usage);
            if ((r.GetValue(signKey) is null) != (r.GetValue(signCert) is null))
                return context.Fail("create", "give both --sign-key=KEY and --sign-cert=CERT, or neither", ExitCodes.Usage);
            SigningKey? signing;
            try
            {
                signing = r.GetValue(signKey) is { } key ? SigningKey.Open(key, r.GetValue(signCert)!) : null;
            }
            catch (SigningException e)
            {
                return context.Fail("create", TerminalTextWriter.Clean(e.Message));
            }
            var request = new CreateRequest(Path.GetFullPath(r.GetValue(source)!),
                r.GetValue(prebuild) ? PatchSource.Prebuild : r.GetValue(patch) is not null ? PatchSource.PatchFile : r.GetValue(diffext) is not null ? PatchSource.DiffExt : PatchSource.Git)
            {
                PatchFile = r.GetValue(patch) is { } p ? Path.GetFullPath(p) : null,
                DiffExt = r.GetValue(diffext),
                GitCommit = r.GetValue(git),
                Series = r.GetValue(series),
                PatchOptions = (r.GetValue(patchOpt) ?? []).SelectMany(o => o.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList(),
                ConfigDir = r.GetValue(config) is { } c ? Path.GetFullPath(c) : null,
                PostDir = r.GetValue(postdir) is { } d ? Path.GetFullPath(d) : null,
                Id = r.GetValue(id),
                Jobs = r.GetValue(jobs),
                Description = r.GetValue(description),
                AllowedTypeChanges = r.GetValue(allowTypeChange) ?? [],
                Signing = signing,
            };
            return Run(context, request, r.GetValue(apply));
        });
        return command;
    }

    private static int Run(CommandContext context, CreateRequest request, bool applyAfterwards)
    {
        var runner = new ProcessRunner { Verbosity = context.Verbosity, Log = context.Error };
        var progress = new ConsoleProgress(context.Verbosity, context.Error);
        try
        {
            var result = new UpdateCreator(runner, progress).Create(request);
            switch (result.Outcome)
            {
                case CreateOutcome.Prepared:
                    context.Out.WriteLine($"Kernel tree {request.KernelSource} is ready for ksplice-create.");
                    return ExitCodes.Ok;
                case CreateOutcome.NoChanges:
                    return context.Fail("create", "Aborting: No changes detected", ExitCodes.NoChanges);
                case CreateOutcome.Refused:
                    context.Error.WriteLine("ksplice-create: Aborting: the patch cannot be applied to a running kernel:");
                    foreach (var refusal in result.Refusals) context.Error.WriteLine("  " + CreateRefusalText.Line(refusal));
                    return ExitCodes.Error;
            }
            var manifest = result.Manifest!;
            foreach (var f in manifest.Functions) context.Error.WriteLine($"  {ManifestJson.WireName(f.Change),-7} {f.Name} ({f.Object})");
            foreach (var h in manifest.Hooks) context.Error.WriteLine($"  hook    {h.Kind} {h.Function} ({h.Object})");
            foreach (var e in manifest.Escapes) context.Error.WriteLine($"  keeps   {e.Function}: its address is handed out by the {e.From}");
            if (manifest.KeepsCodeAfterUndo)
                context.Error.WriteLine("ksplice-create: note: the new code hands out addresses of its own functions (a callback, an ops table), so an undo "
                    + "reverses this update but keeps its code in memory until the next reboot; the running kernel may still call them.");
            context.Out.WriteLine($"Ksplice update tarball written to {Path.GetRelativePath(Directory.GetCurrentDirectory(), result.Tarball!)}");
            return applyAfterwards ? ApplyCommand.Run(context, new ApplyOptions(result.Tarball!)) : ExitCodes.Ok;
        }
        catch (PatchDoesNotApplyException e)
        {
            return context.Fail("create", $"Aborting: the patch does not apply to {request.KernelSource}; nothing was changed:\n{e.Message}");
        }
        catch (CompilerMismatchException e)
        {
            return context.Fail("create", "Aborting: " + e.Message);
        }
        catch (KbuildException e)
        {
            return context.Fail("create", "Aborting: " + e.Message);
        }
        catch (Exception e) when (e is KspliceSourceException or UpdateBuildException or ElfFormatException or InvalidUpdateException
            or ProcessFailedException or SigningException or KernelModuleFormatException)
        {
            return context.Fail("create", "Aborting: " + e.Message);
        }
    }
}
