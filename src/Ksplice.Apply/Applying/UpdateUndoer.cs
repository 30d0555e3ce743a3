using Ksplice.Apply.Kernel;
using Ksplice.Apply.Target;

namespace Ksplice.Apply.Applying;

/// <summary>
/// ksplice-undo: ask the core to reverse the update (the same stack check, then the saved bytes go back), then unload it
/// and forget its record; an update whose new code handed out its functions' addresses keeps its module and its record
/// (an undo of it again says so). An update a killed apply or undo left loaded but not applied is only unloaded; a record left
/// without its module (after a reboot) is removed. Holds the store's lock throughout; <paramref name="reached"/> hears
/// <see cref="ProgressPoint.Reversed"/>.
/// </summary>
public sealed class UpdateUndoer(ITargetKernel kernel, Action<string> log, Action<ProgressPoint>? reached = null)
{
    public ApplyReport Undo(string id)
    {
        using var held = kernel.State.Lock(id);
        var sysfs = kernel.Update(id);
        if (!sysfs.Exists)
        {
            var recorded = Directory.Exists(kernel.State.DirectoryOf(id));
            kernel.State.Forget(id);
            throw new TargetRefusedException(new UpdateNotLoaded(id) { RecordRemoved = recorded });
        }
        if (sysfs.Stage == UpdateStage.Applied)
        {
            log($"Reversing update {id} (stop_machine)");
            var result = sysfs.Reverse();
            if (!result.Reached(UpdateStage.Reversed))
            {
                return new ApplyReport(ApplyOutcome.Aborted, id)
                {
                    Cause = result.Failure,
                    Details = result.FailureDetails,
                    Conflicts = result.Conflicts,
                    Debug = result.Debug,
                };
            }
            reached?.Invoke(ProgressPoint.Reversed);
        }
        if (kernel.State.TryLoad(id, out var manifest, out _, out _) && manifest!.KeepsCodeAfterUndo)
        {
            // The core holds the module for good: the running kernel may still call the functions it handed out. The
            // record stays beside it (until the reboot that unloads it), so that undo and view can say why it is there.
            return new ApplyReport(ApplyOutcome.Applied, id)
            {
                Notes = [$"update {id} is reversed, but its module ksplice_{id} stays loaded until the next reboot: its new code handed out "
                    + $"the address of {string.Join(", ", manifest.Escapes.Select(e => $"{e.Function} ({e.From})"))}, which the running kernel may still call"],
            };
        }
        kernel.UnloadModule($"ksplice_{id}");
        kernel.State.Forget(id);
        return new ApplyReport(ApplyOutcome.Applied, id);
    }
}
