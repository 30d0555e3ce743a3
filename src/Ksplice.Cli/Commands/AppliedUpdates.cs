using Ksplice.Apply.Applying;
using Ksplice.Apply.Kernel;

namespace Ksplice.Cli.Commands;

/// <summary>ksplice-view on the target: the updates the core module knows, with what ksplice-apply recorded about them.</summary>
public static class AppliedUpdates
{
    public static int View(CommandContext context, string? id, bool quiet)
    {
        var store = new AppliedUpdateStore();
        if (id is not null)
        {
            var sysfs = new SysfsUpdate(id);
            if (!sysfs.Exists) return context.Fail("view", $"no ksplice update {id} is loaded");
            if (quiet)
            {
                context.Out.WriteLine(id);
                return ExitCodes.Ok;
            }
            context.Out.WriteLine($"Update {id}: {sysfs.Stage.WireName()}");
            if (store.TryLoad(id, out var manifest, out var description, out var patch))
            {
                ViewCommand.PrintSummary(context.Out, manifest!, description);
                context.Out.WriteLine();
                context.Out.Write(patch);
            }
            return ExitCodes.Ok;
        }
        var ids = SysfsUpdate.List();
        if (ids.Count == 0)
        {
            if (!quiet) context.Out.WriteLine("No Ksplice updates are loaded.");
            return ExitCodes.Ok;
        }
        foreach (var each in ids)
        {
            if (quiet) { context.Out.WriteLine(each); continue; }
            var stage = new SysfsUpdate(each).Stage.WireName();
            var description = store.TryLoad(each, out _, out var d, out _) ? d : "(no record in /var/lib/ksplice)";
            context.Out.WriteLine($"{each}: {description} [{stage}]");
        }
        return ExitCodes.Ok;
    }
}
