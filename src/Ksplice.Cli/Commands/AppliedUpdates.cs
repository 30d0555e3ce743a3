using Ksplice.Apply.Applying;
using Ksplice.Apply.Kernel;
using Ksplice.Apply.Target;

namespace Ksplice.Cli.Commands;

/// <summary>ksplice-view on the target: the updates the core module knows, with what ksplice-apply recorded about them.</summary>
public sealed class AppliedUpdates(ITargetKernel kernel)
{
    /// <summary>-v: each trampoline as it is in memory now, and whether it jumps into the update module.</summary>
    private void PrintTrampolines(CommandContext context, string id)
    {
        var module = kernel.LoadedModules().FirstOrDefault(m => m.Name == $"ksplice_{id}");
        foreach (var f in kernel.State.Functions(id))
        {
            var state = TrampolineState.Read(f, kernel.Memory);
            var into = module is not null && state.IsJump && state.Destination >= module.Address && state.Destination < module.Address + (ulong)module.Size;
            context.Out.WriteLine(state.IsJump
                ? $"  {f.Name} ({f.Target}) at 0x{f.Address:x}+{f.TrampolineOffset}: jmp 0x{state.Destination:x}{(into ? $" (into ksplice_{id})" : " (NOT into the update module)")}"
                : $"  {f.Name} ({f.Target}) at 0x{f.Address:x}+{f.TrampolineOffset}: no trampoline ({Convert.ToHexStringLower(state.Bytes)})");
        }
    }

    /// <summary>
    /// An update module that is loaded but not applied is being applied or undone right now, or was left by a run that
    /// was killed (docs/DESIGN.md, section 3): say so, and how to clear it.
    /// </summary>
    private static string NotApplied(string id, UpdateStage stage, bool keepsCode) => stage switch
    {
        UpdateStage.Applied => "",
        UpdateStage.Reversed when keepsCode =>
            " - undone; its code stays loaded until the next reboot, because the kernel may still call functions it handed out",
        _ => $" - loaded but NOT applied: a ksplice-apply or ksplice-undo is running, or one did not finish; " +
             $"ksplice-undo {id} unloads it, ksplice-apply applies it again",
    };

    public int View(CommandContext context, string? id, bool quiet)
    {
        var store = kernel.State;
        if (id is not null)
        {
            var sysfs = kernel.Update(id);
            if (!sysfs.Exists) return context.Fail("view", $"no ksplice update {id} is loaded");
            if (quiet)
            {
                context.Out.WriteLine(id);
                return ExitCodes.Ok;
            }
            var recorded = store.TryLoad(id, out var manifest, out var description, out var patch);
            context.Out.WriteLine($"Update {id}: {sysfs.Stage.WireName()}{NotApplied(id, sysfs.Stage, recorded && manifest!.KeepsCodeAfterUndo)}");
            if (context.Verbosity > 0) PrintTrampolines(context, id);
            if (recorded)
            {
                ViewCommand.PrintSummary(context.Out, manifest!, description);
                context.Out.WriteLine();
                context.Out.Write(patch);
            }
            return ExitCodes.Ok;
        }
        var ids = kernel.UpdateIds();
        if (ids.Count == 0)
        {
            if (!quiet) context.Out.WriteLine("No Ksplice updates are loaded.");
            return ExitCodes.Ok;
        }
        foreach (var each in ids)
        {
            if (quiet) { context.Out.WriteLine(each); continue; }
            var stage = kernel.Update(each).Stage;
            var recorded = store.TryLoad(each, out var manifest, out var d, out _);
            var description = recorded ? d : "(no record in /var/lib/ksplice)";
            context.Out.WriteLine($"{each}: {description} [{stage.WireName()}]{NotApplied(each, stage, recorded && manifest!.KeepsCodeAfterUndo)}");
        }
        return ExitCodes.Ok;
    }
}
