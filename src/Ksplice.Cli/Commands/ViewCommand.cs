using System.CommandLine;
using Ksplice.Apply.Reporting;
using Ksplice.Apply.Target;
using Ksplice.Package;
using Ksplice.Package.Manifest;
using Ksplice.Elf.IO;
using Ksplice.Elf.Modules;
using Ksplice.Package.Scratch;

namespace Ksplice.Cli.Commands;

/// <summary>ksplice-view [--id=ID | --file=TARBALL | --available] [--json] [-q]: applied updates, one update's summary and
/// patch, or the installed updates that are not applied.</summary>
public static class ViewCommand
{
    public static Command Build(CommandContext context)
    {
        var id = new Option<string>("--id") { Description = "show this applied update's stage, description and patch", HelpName = "ID" };
        var file = new Option<string>("--file") { Description = "show the summary and patch of an update tarball", HelpName = "TARBALL" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "print only update ids" };
        var available = new Option<bool>("--available") { Description = "list the updates installed for the running kernel that are not applied" };
        var json = new Option<bool>("--json") { Description = "print the list as one JSON document" };
        var command = new Command("view", "List the updates applied to the running kernel, or show one update") { id, file, available, json, quiet, CommandTable.VerboseOption() };
        command.SetAction(r =>
        {
            // Everything view prints comes from a tarball, the kernel or the records: it goes through the terminal filter.
            var safe = context with { Out = new TerminalTextWriter(context.Out) };
            if (r.GetValue(file) is { } tarball) return ShowFile(safe, tarball, r.GetValue(quiet));
            if (r.GetValue(id) is { } given && !UpdateId.IsValid(given))
                return context.Fail("view", $"'{TerminalTextWriter.Clean(given)}' is not an update id (1 to 32 characters of a-z, 0-9 and _; ksplice-view lists them)");
            if (RootCheck.Refuse(context, "view", "reads the running kernel's updates") is { } refused) return refused;
            using var kernel = new LinuxTargetKernel();
            var listing = new UpdateListing(kernel);
            if (r.GetValue(available))
            {
                if (r.GetValue(json)) context.Out.WriteLine(ReportJson.Text(listing.AvailableJson()));
                else foreach (var u in listing.Available()) safe.Out.WriteLine(r.GetValue(quiet) ? u.Id : $"{u.Id}: {u.Path}");
                return ExitCodes.Ok;
            }
            if (r.GetValue(json) && r.GetValue(id) is null)
            {
                context.Out.WriteLine(ReportJson.Text(listing.LoadedJson()));
                return ExitCodes.Ok;
            }
            return new AppliedUpdates(kernel).View(safe, r.GetValue(id), r.GetValue(quiet));
        });
        return command;
    }

    private static int ShowFile(CommandContext context, string tarball, bool quiet)
    {
        var scratch = ScratchDirectory.Create("ksplice-view-");
        try
        {
            var update = UpdateFile.Open(tarball, scratch);
            if (quiet)
            {
                context.Out.WriteLine(update.Manifest.Id);
                return ExitCodes.Ok;
            }
            PrintSummary(context.Out, update.Manifest, update.Description);
            context.Out.WriteLine($"  module:   {update.ModuleFile}, {SignatureText(update.Signature)}");
            context.Out.WriteLine();
            context.Out.Write(update.Patch);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is InvalidUpdateException or ElfFormatException or KernelModuleFormatException)
        {
            return context.Fail("view", e.Message);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Whether the update module carries a signature appended by sign-file, and whose (as modinfo shows it).</summary>
    public static string SignatureText(ModuleSignature? signature) => signature switch
    {
        null => "unsigned",
        { Signer: { } s } => $"signed ({s.DigestAlgorithm}, signer {s.Issuer}, key {s.Key}); apply specialises the module, which drops the signature",
        _ => $"signed ({signature.IdType}, signer not readable); apply specialises the module, which drops the signature",
    };

    public static void PrintSummary(TextWriter o, UpdateManifest m, string description)
    {
        o.WriteLine($"Ksplice update {m.Id}: {description}");
        o.WriteLine($"  kernel:   {m.Kernel.Release} {m.Kernel.Version}");
        o.WriteLine($"  compiler: {m.Kernel.Compiler}");
        o.WriteLine($"  created:  {m.Created:yyyy-MM-dd HH:mm:ss}Z by {m.Tool}");
        foreach (var t in m.Targets) o.WriteLine($"  target:   {t.Name} ({string.Join(", ", t.Objects)})");
        foreach (var f in m.Functions) o.WriteLine($"  {ManifestJson.WireName(f.Change),-8}  {f.Name} in {f.Object} ({f.Section})");
        foreach (var d in m.Data) o.WriteLine($"  {ManifestJson.WireName(d.Change),-8}  data {d.Name} in {d.Object} ({d.Section}, {d.Size} bytes)");
        foreach (var h in m.Hooks) o.WriteLine($"  hook      {h.Kind} {h.Function} in {h.Object}");
        foreach (var e in m.Escapes) o.WriteLine($"  keeps     {e.Function}: its address is handed out by the {e.From}; an undo keeps the code loaded");
    }
}
